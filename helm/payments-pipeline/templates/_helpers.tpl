{{/* Chart name, truncated to the DNS label limit. */}}
{{- define "postline.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Resource name of one service: <release>-<service>, truncated. Call with (dict "root" $ "name" $name). */}}
{{- define "postline.serviceName" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Standard labels (app.kubernetes.io/*) of one service. */}}
{{- define "postline.labels" -}}
helm.sh/chart: {{ include "postline.chart" .root }}
{{ include "postline.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
app.kubernetes.io/part-of: {{ .root.Chart.Name }}
{{- end -}}

{{- define "postline.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* Labels of chart-wide resources (rules, dashboards, Kafka, database). */}}
{{- define "postline.commonLabels" -}}
helm.sh/chart: {{ include "postline.chart" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: {{ .Chart.Name }}
{{- end -}}

{{/* A service's settings: "defaults" deep-merged under its own block. Call with (dict "root" $ "svc" $svc). */}}
{{- define "postline.settings" -}}
{{- $merged := mergeOverwrite (deepCopy .root.Values.defaults) (deepCopy .svc) -}}
{{- toYaml $merged -}}
{{- end -}}

{{- define "postline.image" -}}
{{- printf "%s/%s:%s" .root.Values.image.registry .name (default .root.Chart.AppVersion .root.Values.image.tag) -}}
{{- end -}}

{{- define "postline.kafkaBootstrap" -}}
{{- if .Values.kafka.strimzi.enabled -}}
{{- printf "%s-kafka-bootstrap:9092" .Values.kafka.strimzi.clusterName -}}
{{- else -}}
{{- .Values.kafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "postline.databaseHost" -}}
{{- if .Values.database.cloudnativepg.enabled -}}
{{- printf "%s-db-rw" .Release.Name -}}
{{- else -}}
{{- .Values.database.host -}}
{{- end -}}
{{- end -}}

{{- define "postline.databaseSecret" -}}
{{- if .Values.database.cloudnativepg.enabled -}}
{{- printf "%s-db-app" .Release.Name -}}
{{- else -}}
{{- .Values.database.existingSecret -}}
{{- end -}}
{{- end -}}
