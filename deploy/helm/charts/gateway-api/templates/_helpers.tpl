{{/*
Labels, database settings, environment and values checks of gateway-api. Names, labels, images and
checks shared with the other subchart come from the common library chart (charts/common).
*/}}

{{/* Standard labels for every object of the API (common.labels.standard). */}}
{{- define "gateway-api.labels" -}}
{{- include "common.labels.standard" (dict "context" . "component" "api") -}}
{{- end -}}

{{/*
Labels of the migration Job and its pod. The name differs from the API's on purpose: the API's Service,
PodDisruptionBudget and HPA select name+instance, and must never count a migration pod as an API replica.
*/}}
{{- define "gateway-api.migration.labels" -}}
{{- include "common.labels.standard" (dict "context" . "component" "migration" "name" (printf "%s-migration" (include "common.names.name" . | trunc 52 | trimSuffix "-"))) -}}
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
{{- $existing := lookup "v1" "Secret" .Release.Namespace (include "common.names.fullname" .) -}}
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
{{- $msgs = concat $msgs (include "common.validateValues.workload" (dict "process" "the app" "v" $v "p" $p "tag" (include "common.images.tag" $ctx)) | fromYamlArray) -}}
{{- join "\n" $msgs -}}
{{- end -}}