{{/* Labels: the app.kubernetes.io/* set and helm.sh/chart on every object, name + instance in selectors. */}}

{{/* The app.kubernetes.io/part-of label: the product all the charts belong to (global.partOf). */}}
{{- define "common.labels.partOf" -}}
{{- (.Values.global).partOf | default "taskboard" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* An image tag reduced to what a label value may contain. Takes the tag (a string). */}}
{{- define "common.labels.version" -}}
{{- regexReplaceAll "[^A-Za-z0-9._-]" (toString .) "_" | trunc 63 | trimAll "-_." -}}
{{- end -}}

{{/* Selector labels: name and instance only, because a Deployment's selector can never change after creation. */}}
{{- define "common.labels.matchLabels" -}}
app.kubernetes.io/name: {{ include "common.names.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/*
Standard labels. Takes (dict "context" . "component" "api"), and optionally "name" (instead of the
chart's name, for pods that a Service, PDB or HPA must not count) and "tag" (the image tag the version
label shows; default: the chart's, see common.images.tag).
*/}}
{{- define "common.labels.standard" -}}
{{- $ctx := .context -}}
{{- $tag := "" -}}
{{- if hasKey . "tag" }}{{ $tag = .tag }}{{ else }}{{ $tag = include "common.images.tag" $ctx }}{{ end -}}
helm.sh/chart: {{ include "common.names.chart" $ctx }}
app.kubernetes.io/name: {{ .name | default (include "common.names.name" $ctx) }}
app.kubernetes.io/instance: {{ $ctx.Release.Name }}
app.kubernetes.io/version: {{ include "common.labels.version" $tag | quote }}
app.kubernetes.io/component: {{ .component }}
app.kubernetes.io/part-of: {{ include "common.labels.partOf" $ctx }}
app.kubernetes.io/managed-by: {{ $ctx.Release.Service }}
{{- end -}}
