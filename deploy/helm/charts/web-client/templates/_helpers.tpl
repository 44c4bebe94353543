{{/*
Labels, the API it proxies to, and values checks of web-client. Names, labels, images and the
checks shared with the other subchart come from the common library chart (charts/common).
*/}}

{{/* Standard labels for every object of the web client (common.labels.standard). */}}
{{- define "web-client.labels" -}}
{{- include "common.labels.standard" (dict "context" . "component" "web") -}}
{{- end -}}

{{/*
Labels of the `helm test` pod. Its name differs from the web client's so that the Service, PDB and HPA
(name+instance) never count it; the NetworkPolicy admits it by instance + component.
*/}}
{{- define "web-client.test.labels" -}}
{{- include "common.labels.standard" (dict "context" . "component" "test" "name" (printf "%s-test" (include "common.names.name" . | trunc 57 | trimSuffix "-"))) -}}
{{- end -}}

{{/*
The API's Service name: apiService.name, or the name the gateway-api subchart gives its Service in
the same release (its fullname without overrides). The parent chart checks that the two agree.
*/}}
{{- define "web-client.apiServiceName" -}}
{{- if .Values.apiService.name -}}
{{- .Values.apiService.name -}}
{{- else -}}
{{- include "common.names.fullname" (dict "Chart" (dict "Name" "gateway-api") "Release" .Release) -}}
{{- end -}}
{{- end -}}

{{/* GATEWAY_API_URL: the API's GraphQL endpoint through cluster DNS. */}}
{{- define "web-client.gatewayApiUrl" -}}
{{- printf "http://%s:%d/graphql" (include "web-client.apiServiceName" .) (int .Values.apiService.port) -}}
{{- end -}}

{{/*
Every problem with the values, one per line, each starting with the value's path (with `prefix` in
front, so that the parent chart can report them under `web-client.`). Empty when all is well.
Takes (dict "ctx" <context> "prefix" "").
*/}}
{{- define "web-client.validateValues.messages" -}}
{{- $ctx := .ctx -}}
{{- $p := .prefix | default "" -}}
{{- $v := $ctx.Values -}}
{{- $msgs := list -}}
{{- $managedEnv := list "NODE_ENV" "PORT" "LOG_LEVEL" "SHUTDOWN_TIMEOUT_SECONDS" "PROXY_TIMEOUT_SECONDS" "GATEWAY_API_URL" -}}
{{- range $v.extraEnv -}}
{{- if has .name $managedEnv -}}
{{- $msgs = append $msgs (printf "%sextraEnv: %s is set by the chart from its values; change the value that sets it instead" $p .name) -}}
{{- end -}}
{{- end -}}
{{- $msgs = concat $msgs (include "common.validateValues.workload" (dict "process" "the server" "v" $v "p" $p "tag" (include "common.images.tag" $ctx)) | fromYamlArray) -}}
{{- join "\n" $msgs -}}
{{- end -}}
