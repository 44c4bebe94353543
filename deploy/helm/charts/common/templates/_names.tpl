{{/*
Names. Kubernetes limits names and label values to 63 characters, so every generated name is truncated
to that. Each define takes a chart's context (.Values, .Chart, .Release) unless it says otherwise.
*/}}

{{/* The application name: the chart name, or nameOverride. */}}
{{- define "common.names.name" -}}
{{- default .Chart.Name (.Values).nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* The fully qualified name of the release's resources: fullnameOverride, else <release>-<name>, or the release name when it already contains the name. */}}
{{- define "common.names.fullname" -}}
{{- if (.Values).fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name (.Values).nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* A name derived from the fullname with a suffix, still within 63 characters. Takes (list . "suffix"). */}}
{{- define "common.names.suffixed" -}}
{{- $ctx := index . 0 -}}
{{- $suffix := index . 1 -}}
{{- printf "%s-%s" (include "common.names.fullname" $ctx | trunc (int (sub 62 (len $suffix))) | trimSuffix "-") $suffix -}}
{{- end -}}

{{/* The helm.sh/chart label value: <chart>-<version>, "+" is not allowed in label values. */}}
{{- define "common.names.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}
