{{/*
Labels of the parent chart's own objects (the Ingress), the names of the subcharts' Services, and the
release-wide validation. Names and labels follow the common library chart (charts/common).
*/}}

{{/* Standard labels of the parent chart's objects (common.labels.standard), with the images' tag as version. */}}
{{- define "my-app.labels" -}}
{{- include "common.labels.standard" (dict "context" . "component" "ingress" "tag" (.Values.global.image.tag | default .Chart.AppVersion)) -}}
{{- end -}}

{{/*
The context a subchart's helpers see, built from the parent's: the subchart's values (which carry
the globals) under the subchart's name. Takes (list . "gateway-api").
*/}}
{{- define "my-app.subchartContext" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- $chart := dict "Name" $name "Version" $root.Chart.Version "AppVersion" $root.Chart.AppVersion -}}
{{- range $root.Chart.Dependencies -}}
{{- if eq .Name $name }}{{ $_ := set $chart "Version" .Version }}{{ end -}}
{{- end -}}
{{- toYaml (dict "Values" (index $root.Values $name) "Release" (dict "Name" $root.Release.Name "Namespace" $root.Release.Namespace "Service" $root.Release.Service) "Chart" $chart) -}}
{{- end -}}

{{/*
A subchart's fullname (= its Service's name), by the subcharts' own rule. Computed here rather than
with the subchart's helper because a disabled subchart's templates are not loaded at all; the chart
tests check that the Ingress's backends are the Services the subcharts render. Takes (list . "gateway-api").
*/}}
{{- define "my-app.subchartFullname" -}}
{{- $root := index . 0 -}}
{{- $name := index . 1 -}}
{{- include "common.names.fullname" (dict "Values" (index $root.Values $name | default dict) "Chart" (dict "Name" $name) "Release" $root.Release) -}}
{{- end -}}

{{/* The TLS Secret of the Ingress. */}}
{{- define "my-app.tlsSecretName" -}}
{{- .Values.ingress.tls.secretName | default (include "common.names.suffixed" (list . "tls")) -}}
{{- end -}}

{{/*
A top-level `image` (e.g. `--set image.tag=<sha>`, as in the original design's deploy command) reaches
neither subchart: Helm passes a subchart only its own key and `global`. The schema lets `image` through
so that this says which value to set, rather than "additional properties 'image' not allowed". One
sentence per key given; returns a YAML list.
*/}}
{{- define "my-app.validateValues.image" -}}
{{- $msgs := list -}}
{{- if hasKey .Values "image" -}}
{{- $why := "because Helm passes global.* to both subcharts (gateway-api and web-client) and a top-level image would reach neither" -}}
{{- $all := printf "this chart has no top-level image; set global.image.registry, global.image.repository and global.image.tag instead, %s" $why -}}
{{- $image := .Values.image -}}
{{- if or (not (kindIs "map" $image)) (empty $image) -}}
{{- $msgs = append $msgs (printf "image: %s" $all) -}}
{{- else -}}
{{- range $key, $value := $image -}}
{{- if has $key (list "registry" "repository" "tag") -}}
{{- $example := "" -}}
{{- if and (or (kindIs "string" $value) (kindIs "int64" $value)) (toString $value) (ne $key "repository") -}}
{{- /* --set reads 1234567 (an all-digit short SHA) as a number, which global.image.tag refuses. */ -}}
{{- $example = printf " (%s global.image.%s=%v)" (ternary "--set" "--set-string" (kindIs "string" $value)) $key $value -}}
{{- end -}}
{{- $msgs = append $msgs (printf "image.%s: this chart has no top-level image; set global.image.%s instead%s, %s" $key $key $example $why) -}}
{{- else if has $key (list "digest" "pullPolicy") -}}
{{- $msgs = append $msgs (printf "image.%s: this chart has no top-level image; set gateway-api.image.%s and web-client.image.%s instead (one per image), because a top-level image would reach neither subchart" $key $key $key) -}}
{{- else -}}
{{- $msgs = append $msgs (printf "image.%s: %s" $key $all) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- toYaml $msgs -}}
{{- end -}}

{{/*
Every problem with the values of the whole release, one per line: the parent's cross-chart checks
and each enabled subchart's own, so that one failed render lists them all.
*/}}
{{- define "my-app.validateValues.messages" -}}
{{- $msgs := include "my-app.validateValues.image" . | fromYamlArray -}}
{{- $api := index .Values "gateway-api" -}}
{{- $web := index .Values "web-client" -}}
{{- $ing := .Values.ingress -}}
{{- if $ing.enabled -}}
{{- if not $ing.host -}}
{{- $msgs = append $msgs "ingress.host: required when ingress.enabled is true (the host name the app is served on)" -}}
{{- end -}}
{{- if not $web.enabled -}}
{{- $msgs = append $msgs "ingress.enabled: the Ingress routes / to web-client, which is disabled; enable web-client or disable the Ingress" -}}
{{- end -}}
{{- if and $ing.graphqlRoute (not $api.enabled) -}}
{{- $msgs = append $msgs "ingress.graphqlRoute: routes /graphql to gateway-api, which is disabled" -}}
{{- end -}}
{{- if and $ing.graphqlRoute $api.enabled $api.networkPolicy.enabled (not $api.networkPolicy.allowFromIngressController) -}}
{{- $msgs = append $msgs "ingress.graphqlRoute: gateway-api's NetworkPolicy would block the ingress controller; also set gateway-api.networkPolicy.allowFromIngressController=true" -}}
{{- end -}}
{{- if and $ing.tls.clusterIssuer $ing.tls.issuer -}}
{{- $msgs = append $msgs "ingress.tls: set either clusterIssuer or issuer, not both" -}}
{{- end -}}
{{- if and (or $ing.tls.clusterIssuer $ing.tls.issuer) (not $ing.tls.enabled) -}}
{{- $msgs = append $msgs "ingress.tls.enabled: must be true when a cert-manager issuer is set (cert-manager issues the certificate named in the Ingress's tls section)" -}}
{{- end -}}
{{- $expectedNamespace := get (dict "traefik" "traefik" "nginx" "ingress-nginx") $ing.className -}}
{{- $nsInUse := .Values.global.ingressController.namespace -}}
{{- $anyNetworkPolicy := or (and $web.enabled $web.networkPolicy.enabled) (and $api.enabled $api.networkPolicy.enabled $api.networkPolicy.allowFromIngressController) -}}
{{- if and $anyNetworkPolicy $expectedNamespace (ne $nsInUse $expectedNamespace) (has $nsInUse (list "traefik" "ingress-nginx")) -}}
{{- $msgs = append $msgs (printf "global.ingressController.namespace: is %q but ingress.className is %q, whose controller usually runs in %q; the NetworkPolicies would block it (set the namespace your controller runs in)" $nsInUse $ing.className $expectedNamespace) -}}
{{- end -}}
{{- end -}}
{{- if and $web.enabled (not $api.enabled) (not $web.apiService.name) -}}
{{- $msgs = append $msgs "web-client.apiService.name: gateway-api is disabled, so name the Service of the API the web client should proxy to" -}}
{{- end -}}
{{- if and $web.enabled (not $api.enabled) $web.networkPolicy.enabled (not $web.networkPolicy.extraEgress) -}}
{{- $msgs = append $msgs "web-client.networkPolicy.extraEgress: gateway-api is disabled, so the web client's NetworkPolicy (which admits only this release's API pods) needs a rule to reach the API it proxies to" -}}
{{- end -}}
{{- if and $web.enabled $api.enabled -}}
{{- $apiService := include "my-app.subchartFullname" (list . "gateway-api") -}}
{{- $webTarget := include "web-client.apiServiceName" (include "my-app.subchartContext" (list . "web-client") | fromYaml) -}}
{{- if ne $apiService $webTarget -}}
{{- $msgs = append $msgs (printf "web-client.apiService.name: the web client would proxy to %q but gateway-api's Service is %q; set web-client.apiService.name=%s" $webTarget $apiService $apiService) -}}
{{- end -}}
{{- if ne (int $web.apiService.port) (int $api.service.port) -}}
{{- $msgs = append $msgs (printf "web-client.apiService.port: is %d but gateway-api.service.port is %d" (int $web.apiService.port) (int $api.service.port)) -}}
{{- end -}}
{{- end -}}
{{- range $name := list "gateway-api" "web-client" -}}
{{- if (index $.Values $name).enabled -}}
{{- $sub := include (printf "%s.validateValues.messages" $name) (dict "ctx" (include "my-app.subchartContext" (list $ $name) | fromYaml) "prefix" (printf "%s." $name)) -}}
{{- if $sub }}{{ $msgs = concat $msgs (splitList "\n" $sub) }}{{ end -}}
{{- end -}}
{{- end -}}
{{- join "\n" $msgs -}}
{{- end -}}
