{{/* Names, labels and derived settings shared by the templates of the peregrine-operator chart. */}}

{{- define "peregrine-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object name prefix: the release name, plus the chart name unless the release name already contains it. */}}
{{- define "peregrine-operator.fullname" -}}
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

{{- define "peregrine-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "peregrine-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "peregrine-operator.labels" -}}
{{ include "peregrine-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: peregrine
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end -}}

{{- define "peregrine-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "peregrine-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "peregrine-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/* "true" when the operator watches only watchNamespaces. */}}
{{- define "peregrine-operator.namespaceScoped" -}}
{{- if gt (len .Values.watchNamespaces) 0 }}true{{ end -}}
{{- end -}}

{{/* "true" when leader election is on: forced by leaderElection.enabled, else when replicaCount > 1. */}}
{{- define "peregrine-operator.leaderElect" -}}
{{- if kindIs "invalid" .Values.leaderElection.enabled -}}
{{- if gt (int .Values.replicaCount) 1 }}true{{ end -}}
{{- else if .Values.leaderElection.enabled -}}
true
{{- end -}}
{{- end -}}

{{/* The webhook certificate source, with "" resolved by the install mode. Fails on unknown values. */}}
{{- define "peregrine-operator.certificateSource" -}}
{{- $source := .Values.webhook.certificateSource | default "" -}}
{{- if eq $source "" -}}
{{- if include "peregrine-operator.namespaceScoped" . }}helm{{ else }}operator{{ end -}}
{{- else if has $source (list "operator" "helm" "cert-manager") -}}
{{- $source -}}
{{- else -}}
{{- fail (printf "webhook.certificateSource must be operator, helm or cert-manager, got %q" $source) -}}
{{- end -}}
{{- end -}}

{{- define "peregrine-operator.webhookServiceName" -}}
{{- printf "%s-webhook" (include "peregrine-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "peregrine-operator.webhookSecretName" -}}
{{- printf "%s-webhook-cert" (include "peregrine-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "peregrine-operator.leaseName" -}}
{{- default (include "peregrine-operator.fullname" .) .Values.leaderElection.leaseName -}}
{{- end -}}

{{/*
The permissions the operator needs in every namespace it manages (cluster-wide through a ClusterRole, or in a
Role per watched namespace): exactly the operator's declared API calls (`peregrine-operator api-calls`, checked by
tests/install/rbac_matches_code). The reconciler gets/lists/watches/creates/updates/deletes the objects it owns
(it never patches them) and updates Jaeger status; sidecar injection lists, watches and patches workloads
(StatefulSets only that); both record Events.
*/}}
{{- define "peregrine-operator.managedNamespaceRules" -}}
- apiGroups: ["jaegertracing.io"]
  resources: ["jaegers"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["jaegertracing.io"]
  resources: ["jaegers/status"]
  verbs: ["get", "update"]
- apiGroups: [""]
  resources: ["configmaps", "serviceaccounts", "services"]
  verbs: ["create", "delete", "get", "list", "update", "watch"]
- apiGroups: ["apps"]
  resources: ["daemonsets", "deployments"]
  verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["list", "patch", "watch"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["create", "delete", "get", "list", "update", "watch"]
- apiGroups: ["batch"]
  resources: ["cronjobs", "jobs"]
  verbs: ["create", "delete", "get", "list", "update", "watch"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["create", "delete", "get", "list", "update", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}

{{/* Name of cluster-scoped objects: unique per release namespace, so namespace-scoped installs can coexist. */}}
{{- define "peregrine-operator.clusterScopedName" -}}
{{- printf "%s-%s" (include "peregrine-operator.fullname" .) .Release.Namespace | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* DNS names the webhook Service answers to. */}}
{{- define "peregrine-operator.webhookDNSNames" -}}
{{- $service := include "peregrine-operator.webhookServiceName" . -}}
{{- list $service (printf "%s.%s" $service .Release.Namespace) (printf "%s.%s.svc" $service .Release.Namespace) (printf "%s.%s.svc.cluster.local" $service .Release.Namespace) | toJson -}}
{{- end -}}
