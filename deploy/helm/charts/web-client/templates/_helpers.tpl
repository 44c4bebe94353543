{{/*
Names, labels and image of web-client. Kubernetes limits names and label values to 63 characters, so
every generated name is truncated to that.
*/}}

{{/* The application name: the chart name, or nameOverride. */}}
{{- define "web-client.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The fully qualified name of the release's resources: <release>-<name>, or the release name when it already contains the name. */}}
{{- define "web-client.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A name derived from the fullname with a suffix, still within 63 characters. Takes (list . "suffix"). */}}
{{- define "web-client.suffixedName" -}}
{{- $ctx := index . 0 -}}
{{- $suffix := index . 1 -}}
{{- printf "%s-%s" (include "web-client.fullname" $ctx | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix -}}
{{- end -}}

{{/* The helm.sh/chart label value: <chart>-<version>, "+" is not allowed in label values. */}}
{{- define "web-client.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The image tag in use: image.tag, else global.image.tag, else the chart's appVersion. */}}
{{- define "web-client.imageTag" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- .Values.image.tag | default $global.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{/* The app.kubernetes.io/version label: the image tag, reduced to what a label value may contain. */}}
{{- define "web-client.version" -}}
{{- regexReplaceAll "[^A-Za-z0-9._-]" (include "web-client.imageTag" .) "_" | trunc 63 | trimAll "-_." -}}
{{- end -}}

{{/* Selector labels: name and instance only, because a Deployment's selector can never change after creation. */}}
{{- define "web-client.selectorLabels" -}}
app.kubernetes.io/name: {{ include "web-client.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Standard labels for every object of the web client. */}}
{{- define "web-client.labels" -}}
helm.sh/chart: {{ include "web-client.chart" . }}
{{ include "web-client.selectorLabels" . }}
app.kubernetes.io/version: {{ include "web-client.version" . | quote }}
app.kubernetes.io/component: web
app.kubernetes.io/part-of: {{ include "web-client.partOf" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
Labels of the `helm test` pod. Its name differs from the web client's so that the Service, PDB and HPA
(name+instance) never count it; the NetworkPolicy admits it by instance + component.
*/}}
{{- define "web-client.test.labels" -}}
helm.sh/chart: {{ include "web-client.chart" . }}
app.kubernetes.io/name: {{ printf "%s-test" (include "web-client.name" . | trunc 57 | trimSuffix "-") }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ include "web-client.version" . | quote }}
app.kubernetes.io/component: test
app.kubernetes.io/part-of: {{ include "web-client.partOf" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The app.kubernetes.io/part-of label: the product both services belong to. */}}
{{- define "web-client.partOf" -}}
{{- (.Values.global).partOf | default "taskboard" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The ServiceAccount the API pods run as. */}}
{{- define "web-client.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "web-client.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The image reference: <registry>/<global.image.repository>/<image.repository>:<tag>[@digest]. When
image.registry is set, image.repository is the whole repository path in that registry.
*/}}
{{- define "web-client.image" -}}
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
{{- printf "%s:%s" $ref (include "web-client.imageTag" .) -}}
{{- with .Values.image.digest -}}@{{ . }}{{- end -}}
{{- end -}}

{{/* imagePullSecrets: global ones first, then the chart's own. */}}
{{- define "web-client.imagePullSecrets" -}}
{{- $secrets := concat ((.Values.global).imagePullSecrets | default list) (.Values.imagePullSecrets | default list) -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ if kindIs "string" . }}{{ . }}{{ else }}{{ .name }}{{ end }}
{{- end }}
{{- end }}
{{- end -}}

{{/*
Seconds Kubernetes waits between the start of a pod's termination and SIGKILL: the preStop sleep (while
endpoints drop the pod), then the app's own drain budget, plus a margin for the process to exit.
*/}}
{{- define "web-client.terminationGracePeriodSeconds" -}}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds -}}
{{- add .Values.lifecycle.preStopSleepSeconds .Values.config.shutdownTimeoutSeconds 5 -}}
{{- else -}}
{{- .Values.terminationGracePeriodSeconds -}}
{{- end -}}
{{- end -}}

{{/* The pod's topology spread: the values' list, or by default a soft spread over nodes and zones. */}}
{{- define "web-client.topologySpreadConstraints" -}}
{{- if kindIs "invalid" .Values.topologySpreadConstraints -}}
{{- range list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
- maxSkew: 1
  topologyKey: {{ . }}
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "web-client.selectorLabels" $ | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
{{- end }}
{{- else if .Values.topologySpreadConstraints -}}
{{- toYaml .Values.topologySpreadConstraints }}
{{- end -}}
{{- end -}}

{{/* Checks shared in form with gateway-api's: image tag, pod hardening, replicas, PDB, grace period. Returns a YAML list. */}}
{{- define "web-client.validateValues.workload" -}}
{{- $v := .v -}}
{{- $p := .p -}}
{{- $msgs := list -}}
{{- if eq .tag "latest" -}}
{{- $msgs = append $msgs (printf "%simage.tag: the image tag (image.tag, else global.image.tag) is \"latest\", which names no fixed image; deploy an immutable tag, e.g. --set global.image.tag=$(git rev-parse HEAD)" $p) -}}
{{- end -}}
{{- $pod := $v.podSecurityContext -}}
{{- $c := $v.containerSecurityContext -}}
{{- if not $pod.runAsNonRoot }}{{ $msgs = append $msgs (printf "%spodSecurityContext.runAsNonRoot: must be true (restricted Pod Security Standard)" $p) }}{{ end -}}
{{- if eq (int $pod.runAsUser) 0 }}{{ $msgs = append $msgs (printf "%spodSecurityContext.runAsUser: must be a non-zero numeric UID (restricted Pod Security Standard)" $p) }}{{ end -}}
{{- if not (has ($pod.seccompProfile).type (list "RuntimeDefault" "Localhost")) }}{{ $msgs = append $msgs (printf "%spodSecurityContext.seccompProfile.type: must be RuntimeDefault or Localhost (restricted Pod Security Standard)" $p) }}{{ end -}}
{{- if $c.allowPrivilegeEscalation }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.allowPrivilegeEscalation: must be false (restricted Pod Security Standard)" $p) }}{{ end -}}
{{- if $c.privileged }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.privileged: must be false (restricted Pod Security Standard)" $p) }}{{ end -}}
{{- if not (has "ALL" (($c.capabilities).drop | default list)) }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.capabilities.drop: must contain ALL (restricted Pod Security Standard)" $p) }}{{ end -}}
{{- if ($c.capabilities).add }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.capabilities.add: must be empty; the app needs no capability" $p) }}{{ end -}}
{{- if not $c.readOnlyRootFilesystem }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.readOnlyRootFilesystem: must be true; the server writes only to /tmp, an emptyDir" $p) }}{{ end -}}
{{- range $kind := list "requests" "limits" -}}
{{- if not (get ($v.resources | default dict) $kind | default dict).memory -}}
{{- $msgs = append $msgs (printf "%sresources.%s.memory: must be set" $p $kind) -}}
{{- end -}}
{{- end -}}
{{- if not (($v.resources | default dict).requests | default dict).cpu -}}
{{- $msgs = append $msgs (printf "%sresources.requests.cpu: must be set" $p) -}}
{{- end -}}
{{- if $v.autoscaling.enabled -}}
{{- if gt (int $v.autoscaling.minReplicas) (int $v.autoscaling.maxReplicas) -}}
{{- $msgs = append $msgs (printf "%sautoscaling.minReplicas: %d is more than autoscaling.maxReplicas (%d)" $p (int $v.autoscaling.minReplicas) (int $v.autoscaling.maxReplicas)) -}}
{{- end -}}
{{- if and (not $v.autoscaling.targetCPUUtilizationPercentage) (not $v.autoscaling.targetMemoryUtilizationPercentage) -}}
{{- $msgs = append $msgs (printf "%sautoscaling: set targetCPUUtilizationPercentage and/or targetMemoryUtilizationPercentage" $p) -}}
{{- end -}}
{{- end -}}
{{- if $v.pdb.enabled -}}
{{- /* "" as well as null means unset: a parent chart cannot null out a subchart's default */ -}}
{{- $hasMin := not (has ($v.pdb.minAvailable | toString) (list "" "<nil>")) -}}
{{- $hasMax := not (has ($v.pdb.maxUnavailable | toString) (list "" "<nil>")) -}}
{{- if and $hasMin $hasMax -}}
{{- $msgs = append $msgs (printf "%spdb: set either minAvailable or maxUnavailable, not both" $p) -}}
{{- else if not (or $hasMin $hasMax) -}}
{{- $msgs = append $msgs (printf "%spdb: set minAvailable or maxUnavailable" $p) -}}
{{- end -}}
{{- $replicas := ternary $v.autoscaling.minReplicas $v.replicaCount $v.autoscaling.enabled -}}
{{- if and $hasMin (not (kindIs "string" $v.pdb.minAvailable)) (ge (int $v.pdb.minAvailable) (int $replicas)) -}}
{{- $msgs = append $msgs (printf "%spdb.minAvailable: %d with %d replica(s) forbids every voluntary eviction, so node drains and cluster upgrades would hang; use maxUnavailable: 1 or more replicas" $p (int $v.pdb.minAvailable) (int $replicas)) -}}
{{- end -}}
{{- end -}}
{{- $needed := add $v.lifecycle.preStopSleepSeconds $v.config.shutdownTimeoutSeconds -}}
{{- if and (not (kindIs "invalid" $v.terminationGracePeriodSeconds)) (lt (int $v.terminationGracePeriodSeconds) (int $needed)) -}}
{{- $msgs = append $msgs (printf "%sterminationGracePeriodSeconds: %d is shorter than lifecycle.preStopSleepSeconds + config.shutdownTimeoutSeconds (%d); in-flight requests would be killed. Leave it empty to have it computed" $p (int $v.terminationGracePeriodSeconds) (int $needed)) -}}
{{- end -}}
{{- toYaml $msgs -}}
{{- end -}}


{{/*
The API's Service name: apiService.name, or the name the gateway-api subchart gives its Service in
the same release (its fullname without overrides). The parent chart checks that the two agree.
*/}}
{{- define "web-client.apiServiceName" -}}
{{- if .Values.apiService.name -}}
{{- .Values.apiService.name -}}
{{- else if contains "gateway-api" .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-gateway-api" .Release.Name | trunc 63 | trimSuffix "-" -}}
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
{{- $msgs = concat $msgs (include "web-client.validateValues.workload" (dict "v" $v "p" $p "tag" (include "web-client.imageTag" $ctx)) | fromYamlArray) -}}
{{- join "\n" $msgs -}}
{{- end -}}
