using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>apps/v1 Deployment (minimal).</summary>
public sealed class Deployment : KubernetesObject, IKubernetesResource
{
    public Deployment()
    {
        ApiVersion = "apps/v1";
        Kind = "Deployment";
    }

    public static ResourceType Resource { get; } = new("apps", "v1", "deployments", "Deployment", Namespaced: true);

    [JsonPropertyName("spec")]
    public DeploymentSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public DeploymentStatus? Status { get; set; }
}
