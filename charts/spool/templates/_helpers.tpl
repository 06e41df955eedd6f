{{/*
Base of object names: fullnameOverride, else the release name when it already contains the chart name, else
"<release>-<chart>". DNS labels end at 63 characters; "-operator" is appended to it, so it stops at 54.
*/}}
{{- define "spool.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 54 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 54 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 54 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "spool.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Name of the operator's Deployment, Service, ServiceAccount (by default), roles and Lease. */}}
{{- define "spool.operator.fullname" -}}
{{- printf "%s-operator" (include "spool.fullname" .) -}}
{{- end -}}

{{- define "spool.operator.serviceAccountName" -}}
{{- if .Values.operator.serviceAccount.create -}}
{{- default (include "spool.operator.fullname" .) .Values.operator.serviceAccount.name -}}
{{- else -}}
{{- required "operator.serviceAccount.name is required when operator.serviceAccount.create is false" .Values.operator.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* The Lease the operator replicas elect a leader with (also the only Lease the Role lets them touch). */}}
{{- define "spool.operator.leaseName" -}}
{{- include "spool.operator.fullname" . -}}
{{- end -}}

{{/* The first Cluster's name: cluster.name, else the release name. */}}
{{- define "spool.cluster.name" -}}
{{- default .Release.Name .Values.cluster.name -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "spool.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "spool.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: spool
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Labels of the operator's objects; the selector subset never changes across upgrades. */}}
{{- define "spool.operator.labels" -}}
{{ include "spool.labels" . }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "spool.operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "spool.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{/* image reference: repository@digest, else repository:tag (tag defaults to the chart's appVersion). */}}
{{- define "spool.image" -}}
{{- $image := index . 0 -}}
{{- $root := index . 1 -}}
{{- if $image.digest -}}
{{- printf "%s@%s" $image.repository $image.digest -}}
{{- else -}}
{{- printf "%s:%s" $image.repository (default $root.Chart.AppVersion $image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "spool.operator.image" -}}
{{- include "spool.image" (list .Values.operator.image .) -}}
{{- end -}}

{{- define "spool.broker.image" -}}
{{- include "spool.image" (list .Values.broker.image .) -}}
{{- end -}}

{{/*
Namespaces that get the operator's namespaced Role: the watched namespaces, de-duplicated. Empty for a
cluster-wide install (a ClusterRole then).
*/}}
{{- define "spool.watchNamespaces" -}}
{{- .Values.operator.watchNamespaces | uniq | join "," -}}
{{- end -}}

{{/* Values combinations the schema cannot express; each fails the render with the reason. */}}
{{- define "spool.validate" -}}
{{- $watch := .Values.operator.watchNamespaces -}}
{{- if and (gt (int .Values.operator.replicas) 1) (not .Values.operator.leaderElection.enabled) -}}
{{- fail (printf "operator.replicas is %d but operator.leaderElection.enabled is false: several operators without a leader would reconcile the same resources at once. Enable leader election or set operator.replicas=1." (int .Values.operator.replicas)) -}}
{{- end -}}
{{- if and .Values.cluster.enabled $watch (not (has .Release.Namespace $watch)) -}}
{{- fail (printf "cluster.enabled creates a Cluster in the release namespace %q, which operator.watchNamespaces %v does not include: the operator would never reconcile it. Add %q to operator.watchNamespaces." .Release.Namespace $watch .Release.Namespace) -}}
{{- end -}}
{{- if and .Values.cluster.enabled (gt (len (include "spool.cluster.name" .)) 45) -}}
{{- fail (printf "the Cluster name %q is longer than 45 characters (its pods' controller-revision-hash labels would exceed 63): set cluster.name." (include "spool.cluster.name" .)) -}}
{{- end -}}
{{- if and .Values.cluster.enabled (not (regexMatch "^[a-z]([-a-z0-9]*[a-z0-9])?$" (include "spool.cluster.name" .))) -}}
{{- fail (printf "the Cluster name %q is not a DNS-1035 label (lower-case letters, digits and '-', starting with a letter): set cluster.name." (include "spool.cluster.name" .)) -}}
{{- end -}}
{{- end -}}
