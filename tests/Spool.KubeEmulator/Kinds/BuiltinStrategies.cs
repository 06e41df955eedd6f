using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

public static class BuiltinStrategies
{
    public static void RegisterAll(StrategyResolver r)
    {
        r.Set("/pods", new PodStrategy());
        r.Set("/services", new ServiceStrategy());
        r.Set("/namespaces", new NamespaceStrategy());
        r.Set("/persistentvolumeclaims", new PvcStrategy());
        r.Set("/secrets", new SecretStrategy());
        r.Set("apps/statefulsets", new StatefulSetStrategy());
        r.Set("apps/deployments", new DeploymentStrategy());
        r.Set("apiextensions.k8s.io/customresourcedefinitions", new CrdStrategy());
        r.Set("rbac.authorization.k8s.io/roles", new RbacStrategy());
        r.Set("rbac.authorization.k8s.io/clusterroles", new RbacStrategy());
        r.Set("rbac.authorization.k8s.io/rolebindings", new RbacStrategy());
        r.Set("rbac.authorization.k8s.io/clusterrolebindings", new RbacStrategy());
    }
}
