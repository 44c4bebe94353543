{{/* Images: one registry, repository prefix and tag for every chart (global.image), each chart's own image. */}}

{{/* The image tag in use: image.tag, else global.image.tag, else the chart's appVersion. */}}
{{- define "common.images.tag" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- .Values.image.tag | default $global.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{/*
The image reference: <registry>/<global.image.repository>/<image.repository>:<tag>[@digest]. When
image.registry is set, image.repository is the whole repository path in that registry.
*/}}
{{- define "common.images.image" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- $repository := .Values.image.repository -}}
{{- $registry := .Values.image.registry -}}
{{- if not $registry -}}
{{- $registry = $global.registry -}}
{{- if $global.repository -}}
{{- $repository = printf "%s/%s" (trimSuffix "/" $global.repository) $repository -}}
{{- end -}}
{{- end -}}
{{- $ref := ternary (printf "%s/%s" $registry $repository) $repository (not (empty $registry)) -}}
{{- printf "%s:%s" $ref (include "common.images.tag" .) -}}
{{- with .Values.image.digest -}}@{{ . }}{{- end -}}
{{- end -}}

{{/* imagePullSecrets: global ones first, then the chart's own. */}}
{{- define "common.images.pullSecrets" -}}
{{- $secrets := concat ((.Values.global).imagePullSecrets | default list) (.Values.imagePullSecrets | default list) -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ if kindIs "string" . }}{{ . }}{{ else }}{{ .name }}{{ end }}
{{- end }}
{{- end }}
{{- end -}}
