{{/*
The PodDisruptionBudget of a chart's pods (pdb.*): "" as well as null leaves minAvailable or
maxUnavailable out, because a parent chart cannot null out a subchart's default.
Takes (dict "context" . "component" "api").
*/}}
{{- define "common.pdb" -}}
{{- $ctx := .context -}}
{{- if $ctx.Values.pdb.enabled -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "common.names.fullname" $ctx }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- include "common.labels.standard" (dict "context" $ctx "component" .component) | nindent 4 }}
spec:
  {{- if not (has ($ctx.Values.pdb.minAvailable | toString) (list "" "<nil>")) }}
  minAvailable: {{ $ctx.Values.pdb.minAvailable }}
  {{- end }}
  {{- if not (has ($ctx.Values.pdb.maxUnavailable | toString) (list "" "<nil>")) }}
  maxUnavailable: {{ $ctx.Values.pdb.maxUnavailable }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "common.labels.matchLabels" $ctx | nindent 6 }}
{{- end }}
{{- end -}}
