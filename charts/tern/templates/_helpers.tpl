{{/* Names and labels: every template takes them from here and nowhere else. */}}

{{- define "tern.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tern.fullname" -}}
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

{{/* The operator's namespace: where its namespaced objects live, and what it reads Secrets and ConfigMaps from. */}}
{{- define "tern.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{- define "tern.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tern.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tern.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "tern.labels" -}}
helm.sh/chart: {{ include "tern.chart" . }}
{{ include "tern.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tern
{{- end -}}

{{- define "tern.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tern.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "tern.metricsServiceName" -}}
{{- printf "%s-metrics" (include "tern.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tern.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{/* The Lease name is fixed in the operator (OperatorOptions.LeaseName); the Role grants only it. */}}
{{- define "tern.leaseName" -}}
tern-operator
{{- end -}}

{{/* `tern run` arguments: one per value; flags not yet in every build appear only when set. */}}
{{- define "tern.args" -}}
- run
{{- if .Values.simulate }}
- --simulate
{{- end }}
- --workers={{ .Values.workers }}
- --health-port={{ .Values.health.port }}
- --metrics-port={{ .Values.metrics.port }}
{{- if not .Values.leaderElection.enabled }}
- --no-leader-election
{{- end }}
{{- with .Values.health.bindAddress }}
- --health-bind-address={{ . }}
{{- end }}
{{- with .Values.metrics.bindAddress }}
- --metrics-bind-address={{ . }}
{{- end }}
{{- with .Values.logLevel }}
- --log-level={{ . }}
{{- end }}
{{- with .Values.aws.placementTable }}
- --placement-table={{ . }}
{{- end }}
{{- with .Values.aws.endpointUrl }}
- --aws-endpoint-url={{ . }}
{{- end }}
{{- range $region, $url := .Values.aws.registryUrls }}
- --registry-url={{ $region }}={{ $url }}
{{- end }}
{{- range .Values.carbon.allowedEndpoints }}
- --allow-carbon-endpoint={{ . }}
{{- end }}
{{- end -}}

{{/* Fails the render when a Prometheus Operator kind is asked for and the cluster does not serve it. */}}
{{- define "tern.requireMonitoringApi" -}}
{{- if not (.context.Capabilities.APIVersions.Has "monitoring.coreos.com/v1") -}}
{{- fail (printf "%s needs the monitoring.coreos.com/v1 API (the Prometheus Operator's CRDs): install them first, or pass --api-versions monitoring.coreos.com/v1 to helm template" .value) -}}
{{- end -}}
{{- end -}}
