namespace Spool.KubeEmulator.Registry;

/// <summary>The built-in kinds the operator (and kubectl) use, registered before any request.</summary>
public static class BuiltinResources
{
    public static void RegisterAll(ResourceRegistry r)
    {
        // core/v1
        r.Register(Core("Namespace", "namespaces", namespaced: false, hasStatus: true, shortNames: ["ns"]));
        r.Register(Core("ConfigMap", "configmaps", shortNames: ["cm"]));
        r.Register(Core("Secret", "secrets"));
        r.Register(Core("Service", "services", hasStatus: true, shortNames: ["svc"], categories: ["all"]));
        r.Register(Core("Endpoints", "endpoints", shortNames: ["ep"]));
        r.Register(new ResourceType
        {
            Group = "", Versions = ["v1"], Kind = "Pod", Plural = "pods", Singular = "pod", Namespaced = true, HasStatus = true,
            ShortNames = ["po"], Categories = ["all"],
            ExtraSubresources = [("pods/log", "Pod", ["get"])],
        });
        r.Register(Core("PersistentVolumeClaim", "persistentvolumeclaims", hasStatus: true, shortNames: ["pvc"]));
        r.Register(Core("PersistentVolume", "persistentvolumes", namespaced: false, hasStatus: true, shortNames: ["pv"]));
        r.Register(new ResourceType
        {
            Group = "", Versions = ["v1"], Kind = "ServiceAccount", Plural = "serviceaccounts", Singular = "serviceaccount", Namespaced = true,
            ShortNames = ["sa"], ExtraSubresources = [("serviceaccounts/token", "TokenRequest", ["create"])],
        });
        r.Register(Core("Event", "events", shortNames: ["ev"]));
        r.Register(Core("Node", "nodes", namespaced: false, hasStatus: true, shortNames: ["no"]));

        r.Register(Typed("apps", "StatefulSet", "statefulsets", hasStatus: true, generation: true, shortNames: ["sts"], categories: ["all"]));
        r.Register(Typed("apps", "Deployment", "deployments", hasStatus: true, generation: true, shortNames: ["deploy"], categories: ["all"]));
        r.Register(Typed("apps", "ReplicaSet", "replicasets", hasStatus: true, generation: true, shortNames: ["rs"], categories: ["all"]));
        r.Register(Typed("apps", "ControllerRevision", "controllerrevisions"));
        r.Register(Typed("policy", "PodDisruptionBudget", "poddisruptionbudgets", hasStatus: true, generation: true, shortNames: ["pdb"]));
        r.Register(Typed("coordination.k8s.io", "Lease", "leases"));
        r.Register(Typed("discovery.k8s.io", "EndpointSlice", "endpointslices"));
        r.Register(new ResourceType
        {
            Group = "events.k8s.io", Versions = ["v1"], Kind = "Event", Plural = "events", Singular = "event", Namespaced = true,
            ShortNames = ["ev"], StorageTableOverride = "/events", Converter = new EventsConverter(),
        });
        r.Register(Typed("rbac.authorization.k8s.io", "Role", "roles"));
        r.Register(Typed("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", namespaced: false));
        r.Register(Typed("rbac.authorization.k8s.io", "RoleBinding", "rolebindings"));
        r.Register(Typed("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", namespaced: false));
        r.Register(Typed("apiextensions.k8s.io", "CustomResourceDefinition", "customresourcedefinitions", namespaced: false,
            hasStatus: true, generation: true, shortNames: ["crd", "crds"], categories: ["api-extensions"]));
        r.Register(new ResourceType
        {
            Group = "authorization.k8s.io", Versions = ["v1"], Kind = "SelfSubjectAccessReview", Plural = "selfsubjectaccessreviews",
            Singular = "selfsubjectaccessreview", Namespaced = false, Verbs = ["create"],
        });
    }

    private static ResourceType Core(string kind, string plural, bool namespaced = true, bool hasStatus = false,
        string[]? shortNames = null, string[]? categories = null) =>
        Typed("", kind, plural, namespaced, hasStatus, false, shortNames, categories);

    private static ResourceType Typed(string group, string kind, string plural, bool namespaced = true, bool hasStatus = false,
        bool generation = false, string[]? shortNames = null, string[]? categories = null) => new()
        {
            Group = group,
            Versions = ["v1"],
            Kind = kind,
            Plural = plural,
            Singular = kind.ToLowerInvariant(),
            Namespaced = namespaced,
            HasStatus = hasStatus,
            TracksGeneration = generation,
            ShortNames = shortNames ?? [],
            Categories = categories ?? [],
        };
}
