{{/* The Service in front of a chart's pods: one port named http (service.*). Takes (dict "context" . "component" "api"). */}}
{{- define "common.service" -}}
{{- $ctx := .context -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "common.names.fullname" $ctx }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- include "common.labels.standard" (dict "context" $ctx "component" .component) | nindent 4 }}
  {{- with $ctx.Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ $ctx.Values.service.type }}
  selector:
    {{- include "common.labels.matchLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ $ctx.Values.service.port }}
      targetPort: http
      protocol: TCP
{{- end -}}
