{{/*
The operator's permissions on namespaced resources: exactly operator/src/Spool.Operator/Hosting/OperatorRbac.cs
(Rules). tests/Spool.Helm.Tests compares the rendered rules with that declaration, and the Chart e2e tests run the
operator with only these permissions (the API emulator answers 403 to anything else).
*/}}
{{- define "spool.operator.rules" -}}
# Informers list and watch; reconcilers read their caches, never single objects.
- apiGroups: ["spool.dev"]
  resources: ["clusters", "consumergroups"]
  verbs: ["list", "watch"]
# The Topic finalizer (deleting the Kafka topic) is a merge patch of the Topic; on a conflict it reads it again.
- apiGroups: ["spool.dev"]
  resources: ["topics"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["spool.dev"]
  resources: ["clusters/status", "topics/status", "consumergroups/status"]
  verbs: ["patch"]
# The Cluster's children carry blockOwnerDeletion, which OwnerReferencesPermissionEnforcement only allows to
# whoever may update the owner's finalizers; the operator itself never calls this subresource.
- apiGroups: ["spool.dev"]
  resources: ["clusters/finalizers"]
  verbs: ["update"]
# Server-side apply of a Cluster's children is authorized as patch, and as create when the object does not exist yet.
- apiGroups: [""]
  resources: ["configmaps", "services"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["list", "watch", "create", "patch"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "patch", "delete"]
# Rolling a broker is deleting its pod; the StatefulSet controller recreates it.
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch", "delete"]
# Events are created, and patched when they repeat (count and lastTimestamp).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
# Per-Cluster ServiceMonitor and PrometheusRule, only where the Prometheus Operator's CRDs are served.
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors", "prometheusrules"]
  verbs: ["create", "patch", "delete"]
{{- end -}}
