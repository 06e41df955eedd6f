using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Service.</summary>
public sealed class Service : KubernetesObject, IKubernetesResource
{
    public Service()
    {
        ApiVersion = "v1";
        Kind = "Service";
    }

    public static ResourceType Resource { get; } = new("", "v1", "services", "Service", Namespaced: true);

    [JsonPropertyName("spec")]
    public ServiceSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public JsonObject? Status { get; set; }
}
