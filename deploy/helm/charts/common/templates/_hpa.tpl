{{/* The HorizontalPodAutoscaler of a chart's Deployment (autoscaling.*). Takes (dict "context" . "component" "api"). */}}
{{- define "common.hpa" -}}
{{- $ctx := .context -}}
{{- if $ctx.Values.autoscaling.enabled -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "common.names.fullname" $ctx }}
  namespace: {{ $ctx.Release.Namespace }}
  labels:
    {{- include "common.labels.standard" (dict "context" $ctx "component" .component) | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "common.names.fullname" $ctx }}
  minReplicas: {{ $ctx.Values.autoscaling.minReplicas }}
  maxReplicas: {{ $ctx.Values.autoscaling.maxReplicas }}
  metrics:
    {{- with $ctx.Values.autoscaling.targetCPUUtilizationPercentage }}
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
    {{- with $ctx.Values.autoscaling.targetMemoryUtilizationPercentage }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ . }}
    {{- end }}
{{- end }}
{{- end -}}
