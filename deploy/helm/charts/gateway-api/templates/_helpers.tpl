{{/*
Names, labels, image and environment of gateway-api. Kubernetes limits names and label values to 63
characters, so every generated name is truncated to that.
*/}}

{{/* The application name: the chart name, or nameOverride. */}}
{{- define "gateway-api.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The fully qualified name of the release's resources: <release>-<name>, or the release name when it already contains the name. */}}
{{- define "gateway-api.fullname" -}}
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
{{- define "gateway-api.suffixedName" -}}
{{- $ctx := index . 0 -}}
{{- $suffix := index . 1 -}}
{{- printf "%s-%s" (include "gateway-api.fullname" $ctx | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix -}}
{{- end -}}

{{/* The helm.sh/chart label value: <chart>-<version>, "+" is not allowed in label values. */}}
{{- define "gateway-api.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The image tag in use: image.tag, else global.image.tag, else the chart's appVersion. */}}
{{- define "gateway-api.imageTag" -}}
{{- $global := (.Values.global).image | default dict -}}
{{- .Values.image.tag | default $global.tag | default .Chart.AppVersion | toString -}}
{{- end -}}

{{/* The app.kubernetes.io/version label: the image tag, reduced to what a label value may contain. */}}
{{- define "gateway-api.version" -}}
{{- regexReplaceAll "[^A-Za-z0-9._-]" (include "gateway-api.imageTag" .) "_" | trunc 63 | trimAll "-_." -}}
{{- end -}}

{{/* Selector labels: name and instance only, because a Deployment's selector can never change after creation. */}}
{{- define "gateway-api.selectorLabels" -}}
app.kubernetes.io/name: {{ include "gateway-api.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Standard labels for every object of the API. */}}
{{- define "gateway-api.labels" -}}
helm.sh/chart: {{ include "gateway-api.chart" . }}
{{ include "gateway-api.selectorLabels" . }}
app.kubernetes.io/version: {{ include "gateway-api.version" . | quote }}
app.kubernetes.io/component: api
app.kubernetes.io/part-of: {{ include "gateway-api.partOf" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/*
Labels of the migration Job and its pod. The name differs from the API's on purpose: the API's Service,
PodDisruptionBudget and HPA select name+instance, and must never count a migration pod as an API replica.
*/}}
{{- define "gateway-api.migration.labels" -}}
helm.sh/chart: {{ include "gateway-api.chart" . }}
app.kubernetes.io/name: {{ printf "%s-migration" (include "gateway-api.name" . | trunc 52 | trimSuffix "-") }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ include "gateway-api.version" . | quote }}
app.kubernetes.io/component: migration
app.kubernetes.io/part-of: {{ include "gateway-api.partOf" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The app.kubernetes.io/part-of label: the product both services belong to. */}}
{{- define "gateway-api.partOf" -}}
{{- (.Values.global).partOf | default "taskboard" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The ServiceAccount the API pods run as. */}}
{{- define "gateway-api.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "gateway-api.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
The image reference: <registry>/<global.image.repository>/<image.repository>:<tag>[@digest]. When
image.registry is set, image.repository is the whole repository path in that registry.
*/}}
{{- define "gateway-api.image" -}}
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
{{- printf "%s:%s" $ref (include "gateway-api.imageTag" .) -}}
{{- with .Values.image.digest -}}@{{ . }}{{- end -}}
{{- end -}}

{{/* imagePullSecrets: global ones first, then the chart's own. */}}
{{- define "gateway-api.imagePullSecrets" -}}
{{- $secrets := concat ((.Values.global).imagePullSecrets | default list) (.Values.imagePullSecrets | default list) -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ if kindIs "string" . }}{{ . }}{{ else }}{{ .name }}{{ end }}
{{- end }}
{{- end }}
{{- end -}}

{{/* Which database settings the values use: "url", "parts", "existingSecret", or "" when none. */}}
{{- define "gateway-api.database.mode" -}}
{{- $db := .Values.externalDatabase -}}
{{- if $db.existingSecret -}}existingSecret
{{- else if $db.url -}}url
{{- else if or $db.host $db.name $db.user -}}parts
{{- end -}}
{{- end -}}

{{/* "true" when the chart itself holds the database credentials (in its Secret), not an existing Secret. */}}
{{- define "gateway-api.database.chartManaged" -}}
{{- $mode := include "gateway-api.database.mode" . -}}
{{- if or (eq $mode "url") (eq $mode "parts") -}}true{{- end -}}
{{- end -}}

{{/* "true" when the chart renders its own Secret: database credentials, the session secret, or a database CA it holds. */}}
{{- define "gateway-api.secret.create" -}}
{{- if or (include "gateway-api.database.chartManaged" .) (not .Values.session.existingSecret) .Values.externalDatabase.tls.ca -}}true{{- end -}}
{{- end -}}

{{/*
The session secret: session.secret when given; otherwise the one already stored in this release's
Secret (lookup), so that an upgrade keeps every signed-in session valid; otherwise a new random one.
`helm template` and `--dry-run=client` cannot look anything up, so there it is new on every render.
*/}}
{{- define "gateway-api.session.secretValue" -}}
{{- if .Values.session.secret -}}
{{- .Values.session.secret -}}
{{- else -}}
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "gateway-api.fullname" .) -}}
{{- if and $existing $existing.data (hasKey $existing.data .Values.session.existingSecretKey) -}}
{{- index $existing.data .Values.session.existingSecretKey | b64dec -}}
{{- else -}}
{{- randAlphaNum 48 -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The data of a Secret holding the chart-managed database settings (and inline CA), keyed as the app's variables. */}}
{{- define "gateway-api.database.secretData" -}}
{{- $db := .Values.externalDatabase -}}
{{- $mode := include "gateway-api.database.mode" . -}}
{{- if eq $mode "url" }}
DATABASE_URL: {{ $db.url | b64enc | quote }}
{{- else if eq $mode "parts" }}
MYSQL_ADDON_HOST: {{ $db.host | b64enc | quote }}
MYSQL_ADDON_PORT: {{ $db.port | int | toString | b64enc | quote }}
MYSQL_ADDON_DB: {{ $db.name | b64enc | quote }}
MYSQL_ADDON_USER: {{ $db.user | b64enc | quote }}
MYSQL_ADDON_PASSWORD: {{ $db.password | toString | b64enc | quote }}
{{- end }}
{{- with $db.tls.ca }}
database-ca.pem: {{ . | b64enc | quote }}
{{- end }}
{{- end -}}

{{/*
A hash of everything that feeds the chart's Secret, for the pods' checksum/secret annotation. It is
taken over the values rather than the rendered Secret, whose generated session secret differs
between renders that cannot look up the stored one.
*/}}
{{- define "gateway-api.secretChecksum" -}}
{{- dict "database" .Values.externalDatabase "session" .Values.session | toJson | sha256sum -}}
{{- end -}}

{{/* Where the database CA bundle is mounted, when one is configured. */}}
{{- define "gateway-api.database.caPath" -}}
/etc/taskboard/database-ca/ca.pem
{{- end -}}

{{/* "true" when a CA bundle for the database is configured (inline or from an existing Secret). */}}
{{- define "gateway-api.database.hasCa" -}}
{{- $tls := .Values.externalDatabase.tls -}}
{{- if and $tls.enabled (or $tls.ca $tls.existingCaSecret) -}}true{{- end -}}
{{- end -}}

{{/*
The database environment, shared by the API and the migration Job so that both connect the same way.
Takes (dict "ctx" . "secretName" <Secret holding the chart-managed credentials>). Every credential comes
from a Secret; only non-secret switches are literal values.
*/}}
{{- define "gateway-api.database.env" -}}
{{- $ctx := .ctx -}}
{{- $db := $ctx.Values.externalDatabase -}}
{{- $mode := include "gateway-api.database.mode" $ctx -}}
{{- $secretName := ternary $db.existingSecret .secretName (eq $mode "existingSecret") -}}
{{- $keys := $db.existingSecretKeys -}}
{{- if or (eq $mode "url") (and (eq $mode "existingSecret") $keys.url) }}
- name: DATABASE_URL
  valueFrom:
    secretKeyRef:
      name: {{ $secretName }}
      key: {{ ternary $keys.url "DATABASE_URL" (eq $mode "existingSecret") }}
{{- else }}
{{- range $part := list "host" "port" "database" "user" "password" }}
{{- $envName := get (dict "host" "MYSQL_ADDON_HOST" "port" "MYSQL_ADDON_PORT" "database" "MYSQL_ADDON_DB" "user" "MYSQL_ADDON_USER" "password" "MYSQL_ADDON_PASSWORD") $part }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef:
      name: {{ $secretName }}
      key: {{ ternary (get $keys $part) $envName (eq $mode "existingSecret") }}
{{- end }}
{{- end }}
{{- if $db.tls.enabled }}
- name: DATABASE_SSL
  value: "true"
- name: DATABASE_SSL_REJECT_UNAUTHORIZED
  value: {{ $db.tls.rejectUnauthorized | toString | quote }}
{{- if include "gateway-api.database.hasCa" $ctx }}
- name: DATABASE_SSL_CA
  value: {{ include "gateway-api.database.caPath" $ctx | quote }}
{{- end }}
{{- end }}
{{- end -}}

{{/* The volume holding the database CA bundle. Takes (dict "ctx" . "secretName" <chart Secret>). */}}
{{- define "gateway-api.database.caVolume" -}}
{{- $tls := .ctx.Values.externalDatabase.tls -}}
{{- if include "gateway-api.database.hasCa" .ctx }}
- name: database-ca
  secret:
    secretName: {{ ternary $tls.existingCaSecret .secretName (not (empty $tls.existingCaSecret)) }}
    items:
      - key: {{ ternary $tls.caKey "database-ca.pem" (not (empty $tls.existingCaSecret)) }}
        path: ca.pem
{{- end }}
{{- end -}}

{{/* The mount of the database CA bundle. */}}
{{- define "gateway-api.database.caVolumeMount" -}}
{{- if include "gateway-api.database.hasCa" . }}
- name: database-ca
  mountPath: {{ include "gateway-api.database.caPath" . | dir }}
  readOnly: true
{{- end }}
{{- end -}}

{{/*
Seconds Kubernetes waits between the start of a pod's termination and SIGKILL: the preStop sleep (while
endpoints drop the pod), then the app's own drain budget, plus a margin for the process to exit.
*/}}
{{- define "gateway-api.terminationGracePeriodSeconds" -}}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds -}}
{{- add .Values.lifecycle.preStopSleepSeconds .Values.config.shutdownTimeoutSeconds 5 -}}
{{- else -}}
{{- .Values.terminationGracePeriodSeconds -}}
{{- end -}}
{{- end -}}

{{/* A Kubernetes memory quantity ("384Mi", "1Gi", "500M", bytes) in MiB, rounded down; 0 when not set. */}}
{{- define "gateway-api.memoryMiB" -}}
{{- $q := toString (. | default 0) -}}
{{- if regexMatch "e\\+" $q }}{{ $q = printf "%.0f" (float64 .) }}{{ end -}}
{{- $n := regexReplaceAll "^([0-9.]+).*$" $q "${1}" -}}
{{- $unit := regexReplaceAll "^[0-9.]+" $q "" -}}
{{- $factor := get (dict "" 1.0 "m" 0.001 "k" 1e3 "M" 1e6 "G" 1e9 "T" 1e12 "Ki" 1024.0 "Mi" 1048576.0 "Gi" 1073741824.0 "Ti" 1099511627776.0) $unit -}}
{{- divf (mulf (float64 $n) $factor) 1048576 | floor | int -}}
{{- end -}}

{{/*
NODE_OPTIONS for the API container: V8's old space as a share of the memory limit, so that garbage
collection works harder before the kernel's OOM killer acts, and the young generation's size. Empty
when neither is set.
*/}}
{{- define "gateway-api.nodeOptions" -}}
{{- $o := .Values.nodeOptions -}}
{{- $flags := list -}}
{{- $limitMiB := include "gateway-api.memoryMiB" ((.Values.resources).limits).memory | int -}}
{{- if and (gt (int $o.maxOldSpaceSizePercent) 0) (gt $limitMiB 0) -}}
{{- $flags = append $flags (printf "--max-old-space-size=%d" (div (mul $limitMiB (int $o.maxOldSpaceSizePercent)) 100)) -}}
{{- end -}}
{{- if gt (int $o.maxSemiSpaceSizeMiB) 0 -}}
{{- $flags = append $flags (printf "--max-semi-space-size=%d" (int $o.maxSemiSpaceSizeMiB)) -}}
{{- end -}}
{{- join " " $flags -}}
{{- end -}}

{{/* The pod's topology spread: the values' list, or by default a soft spread over nodes and zones. */}}
{{- define "gateway-api.topologySpreadConstraints" -}}
{{- if kindIs "invalid" .Values.topologySpreadConstraints -}}
{{- range list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
- maxSkew: 1
  topologyKey: {{ . }}
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "gateway-api.selectorLabels" $ | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
{{- end }}
{{- else if .Values.topologySpreadConstraints -}}
{{- toYaml .Values.topologySpreadConstraints }}
{{- end -}}
{{- end -}}

{{/*
Every problem with the values, one per line, each starting with the value's path (with `prefix` in
front, so that the parent chart can report them under `gateway-api.`). Empty when all is well.
Takes (dict "ctx" <context> "prefix" "").
*/}}
{{- define "gateway-api.validateValues.messages" -}}
{{- $ctx := .ctx -}}
{{- $p := .prefix | default "" -}}
{{- $v := $ctx.Values -}}
{{- $msgs := list -}}
{{- $db := $v.externalDatabase -}}
{{- $sources := list -}}
{{- if $db.existingSecret }}{{ $sources = append $sources "existingSecret" }}{{ end -}}
{{- if $db.url }}{{ $sources = append $sources "url" }}{{ end -}}
{{- if or $db.host $db.name $db.user $db.password }}{{ $sources = append $sources "host/name/user/password" }}{{ end -}}
{{- if eq (len $sources) 0 -}}
{{- $msgs = append $msgs (printf "%sexternalDatabase: no database configured; set externalDatabase.existingSecret (a Secret with MYSQL_ADDON_HOST/_PORT/_DB/_USER/_PASSWORD, as Clever Cloud gives them), externalDatabase.url (mysql://USER:PASSWORD@HOST:3306/DATABASE), or externalDatabase.host, .name, .user and .password" $p) -}}
{{- else if gt (len $sources) 1 -}}
{{- $hint := ternary (printf " (to use %s, set %sexternalDatabase.existingSecret=\"\")" (last $sources) $p) "" (and (has "existingSecret" $sources) (eq (len $sources) 2)) -}}
{{- $msgs = append $msgs (printf "%sexternalDatabase: use exactly one way to reach the database, got %s%s" $p (join " and " $sources) $hint) -}}
{{- else if eq (first $sources) "host/name/user/password" -}}
{{- range $field := list "host" "name" "user" -}}
{{- if not (get $db $field) -}}
{{- $msgs = append $msgs (printf "%sexternalDatabase.%s: required when the database is given as host/name/user/password" $p $field) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- if and $db.tls.ca $db.tls.existingCaSecret -}}
{{- $msgs = append $msgs (printf "%sexternalDatabase.tls: set either tls.ca or tls.existingCaSecret, not both" $p) -}}
{{- end -}}
{{- if and (or $db.tls.ca $db.tls.existingCaSecret) (not $db.tls.enabled) -}}
{{- $msgs = append $msgs (printf "%sexternalDatabase.tls.enabled: must be true when a CA bundle (tls.ca or tls.existingCaSecret) is given" $p) -}}
{{- end -}}
{{- if and $v.session.secret $v.session.existingSecret -}}
{{- $msgs = append $msgs (printf "%ssession: set either session.secret or session.existingSecret, not both" $p) -}}
{{- end -}}
{{- if and $v.session.secret (lt (len $v.session.secret) 32) -}}
{{- $msgs = append $msgs (printf "%ssession.secret: must be at least 32 characters (the API refuses to start in production otherwise); e.g. `openssl rand -base64 48`, or leave it empty to have one generated" $p) -}}
{{- end -}}
{{- /* connections: every replica's pool, one more during a rolling update (maxSurge 1), and the migration Job */ -}}
{{- if gt (int $db.maxConnections) 0 -}}
{{- $replicas := ternary $v.autoscaling.maxReplicas $v.replicaCount $v.autoscaling.enabled -}}
{{- $needed := add (mul $db.poolSize (add $replicas 1)) 1 -}}
{{- if gt (int $needed) (int $db.maxConnections) -}}
{{- $msgs = append $msgs (printf "%sexternalDatabase.poolSize: %d connections x (%d replicas + 1 during a rollout) + 1 for the migration = %d, more than %sexternalDatabase.maxConnections (%d); lower poolSize or the replica count" $p (int $db.poolSize) (int $replicas) (int $needed) $p (int $db.maxConnections)) -}}
{{- end -}}
{{- end -}}
{{- if $v.networkPolicy.enabled -}}
{{- if not $v.networkPolicy.database.cidrs -}}
{{- $msgs = append $msgs (printf "%snetworkPolicy.database.cidrs: list the database's address ranges (0.0.0.0/0 when its address is not fixed), or the API cannot reach it" $p) -}}
{{- end -}}
{{- $dbPort := 0 -}}
{{- if and $db.host (not $db.url) (not $db.existingSecret) }}{{ $dbPort = int $db.port }}{{ end -}}
{{- if and $db.url (not $db.existingSecret) -}}
{{- $m := regexFind ":[0-9]+/" (regexReplaceAll "^[a-z]+://[^@/]*@" $db.url "") -}}
{{- $dbPort = ternary 3306 (int (trimAll ":/" $m)) (empty $m) -}}
{{- end -}}
{{- if and (gt $dbPort 0) (ne $dbPort (int $v.networkPolicy.database.port)) -}}
{{- $msgs = append $msgs (printf "%snetworkPolicy.database.port: is %d but the database listens on %d; the NetworkPolicy would block it" $p (int $v.networkPolicy.database.port) $dbPort) -}}
{{- end -}}
{{- end -}}
{{- if lt (int $v.probes.readiness.timeoutSeconds) 3 -}}
{{- $msgs = append $msgs (printf "%sprobes.readiness.timeoutSeconds: must be at least 3; /readyz waits up to 2 s for the database, so a shorter timeout reads a slow database as a dead pod" $p) -}}
{{- end -}}
{{- if $v.migration.enabled -}}
{{- if ge (int $v.migration.lockTimeoutSeconds) (int $v.migration.activeDeadlineSeconds) -}}
{{- $msgs = append $msgs (printf "%smigration.lockTimeoutSeconds: must be shorter than %smigration.activeDeadlineSeconds (%d), or a runner waiting for the lock is killed before it can say so" $p $p (int $v.migration.activeDeadlineSeconds)) -}}
{{- end -}}
{{- end -}}
{{- $managedEnv := list "NODE_ENV" "PORT" "LOG_LEVEL" "SHUTDOWN_TIMEOUT_SECONDS" "GRAPHQL_INTROSPECTION" "SESSION_SECRET" "DATABASE_URL" "DATABASE_POOL_SIZE" "DATABASE_SSL" "DATABASE_SSL_CA" "DATABASE_SSL_REJECT_UNAUTHORIZED" "MYSQL_ADDON_HOST" "MYSQL_ADDON_PORT" "MYSQL_ADDON_DB" "MYSQL_ADDON_USER" "MYSQL_ADDON_PASSWORD" -}}
{{- if include "gateway-api.nodeOptions" $ctx -}}
{{- $managedEnv = append $managedEnv "NODE_OPTIONS" -}}
{{- end -}}
{{- range $v.extraEnv -}}
{{- if has .name $managedEnv -}}
{{- $msgs = append $msgs (printf "%sextraEnv: %s is set by the chart from its values; change the value that sets it instead" $p .name) -}}
{{- end -}}
{{- end -}}
{{- $msgs = concat $msgs (include "gateway-api.validateValues.workload" (dict "v" $v "p" $p "tag" (include "gateway-api.imageTag" $ctx)) | fromYamlArray) -}}
{{- join "\n" $msgs -}}
{{- end -}}

{{/* Checks shared in form with web-client's: image tag, pod hardening, replicas, PDB, grace period. Returns a YAML list. */}}
{{- define "gateway-api.validateValues.workload" -}}
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
{{- if not $c.readOnlyRootFilesystem }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.readOnlyRootFilesystem: must be true; the app writes only to /tmp, an emptyDir" $p) }}{{ end -}}
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
