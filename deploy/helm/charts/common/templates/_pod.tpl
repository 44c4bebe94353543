{{/* Pod settings computed the same way in every chart. Each define takes a chart's context. */}}

{{/* The ServiceAccount the pods run as. */}}
{{- define "common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "common.names.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/*
Seconds Kubernetes waits between the start of a pod's termination and SIGKILL: the preStop sleep (while
endpoints drop the pod), then the app's own drain budget, plus a margin for the process to exit.
*/}}
{{- define "common.terminationGracePeriodSeconds" -}}
{{- if kindIs "invalid" .Values.terminationGracePeriodSeconds -}}
{{- add .Values.lifecycle.preStopSleepSeconds .Values.config.shutdownTimeoutSeconds 5 -}}
{{- else -}}
{{- .Values.terminationGracePeriodSeconds -}}
{{- end -}}
{{- end -}}

{{/* The pod's topology spread: the values' list, or by default a soft spread over nodes and zones. */}}
{{- define "common.topologySpreadConstraints" -}}
{{- if kindIs "invalid" .Values.topologySpreadConstraints -}}
{{- range list "kubernetes.io/hostname" "topology.kubernetes.io/zone" }}
- maxSkew: 1
  topologyKey: {{ . }}
  whenUnsatisfiable: ScheduleAnyway
  labelSelector:
    matchLabels:
      {{- include "common.labels.matchLabels" $ | nindent 6 }}
  matchLabelKeys:
    - pod-template-hash
{{- end }}
{{- else if .Values.topologySpreadConstraints -}}
{{- toYaml .Values.topologySpreadConstraints }}
{{- end -}}
{{- end -}}
