{{/*
The operator's permissions on namespaced resources: exactly operator/src/Spool.Operator/Hosting/OperatorRbac.cs
(Rules). tests/Spool.Helm.Tests compares the rendered rules with that declaration, and the Chart e2e tests run the
operator with only these permissions (the API emulator answers 403 to anything else).
*/}}
{{- define "spool.operator.rules" -}}
- apiGroups: ["spool.dev"]
  resources: ["clusters", "topics", "consumergroups"]
  verbs: ["get", "list", "watch"]
# Finalizers (deletion of the Kafka topic) are merge patches of the Topic itself.
- apiGroups: ["spool.dev"]
  resources: ["topics"]
  verbs: ["patch"]
- apiGroups: ["spool.dev"]
  resources: ["clusters/status", "topics/status", "consumergroups/status"]
  verbs: ["patch"]
# The Cluster's children carry blockOwnerDeletion, which OwnerReferencesPermissionEnforcement only allows to
# whoever may update the owner's finalizers; the operator itself never calls this subresource.
- apiGroups: ["spool.dev"]
  resources: ["clusters/finalizers"]
  verbs: ["update"]
# Server-side apply of the children needs patch, and create for objects that do not exist yet.
- apiGroups: [""]
  resources: ["configmaps", "services"]
  verbs: ["get", "list", "watch", "create", "patch"]
# Rolling changes delete one broker pod at a time; the StatefulSet controller recreates it.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["get", "list", "watch", "create", "patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
# Per-Cluster ServiceMonitor and PrometheusRule, only where the Prometheus Operator's CRDs are served.
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors", "prometheusrules"]
  verbs: ["create", "patch", "delete"]
{{- end -}}
