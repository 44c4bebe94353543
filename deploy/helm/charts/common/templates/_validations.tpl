{{/*
Values checks shared by the charts. Each chart's `<chart>.validateValues.messages` returns its problems
one per line; the parent chart collects them all, so that one failed render lists every problem.
*/}}

{{/*
Fails the render with every problem found in a chart's values at once (from its
`<chart>.validateValues.messages`). Takes the chart's context. Inside a parent chart, the parent reports
these together with its own (under `<chart>.`), so only a standalone render fails here.
*/}}
{{- define "common.validateValues.standalone" -}}
{{- if eq .Template.BasePath (printf "%s/templates" .Chart.Name) -}}
{{- $messages := include (printf "%s.validateValues.messages" .Chart.Name) (dict "ctx" . "prefix" "") -}}
{{- if $messages -}}
{{- $list := splitList "\n" $messages -}}
{{- fail (printf "\n\n%s: %d problem(s) with the values:\n  - %s\n" .Chart.Name (len $list) (join "\n  - " $list)) -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/*
The checks every workload chart shares: image tag, pod hardening, resources, replicas, PDB, grace period.
Takes (dict "v" .Values "p" <prefix of the paths in messages> "tag" <image tag> "process" "the app").
Returns a YAML list.
*/}}
{{- define "common.validateValues.workload" -}}
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
{{- if not $c.readOnlyRootFilesystem }}{{ $msgs = append $msgs (printf "%scontainerSecurityContext.readOnlyRootFilesystem: must be true; %s writes only to /tmp, an emptyDir" $p .process) }}{{ end -}}
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
