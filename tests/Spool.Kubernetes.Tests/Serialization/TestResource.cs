using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Tests.Serialization;

/// <summary>A custom resource shaped like the operator's, to prove a caller's own context plugs in.</summary>
public sealed class TestResource : KubernetesObject<TestResourceSpec, TestResourceStatus>, IKubernetesResource
{
    public TestResource()
    {
        ApiVersion = "spool.dev/v1alpha1";
        Kind = "Widget";
    }

    public static ResourceType Resource { get; } = new("spool.dev", "v1alpha1", "widgets", "Widget", Namespaced: true);
}
