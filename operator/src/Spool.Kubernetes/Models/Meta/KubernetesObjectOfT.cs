using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>
/// Base for custom resources: <c>class SpoolCluster : KubernetesObject&lt;ClusterSpec, ClusterStatus&gt;, IKubernetesResource</c>.
/// Register the concrete type in a JsonSerializerContext handed to the client (source generation needs closed types).
/// </summary>
public abstract class KubernetesObject<TSpec, TStatus> : KubernetesObject
    where TSpec : class
    where TStatus : class
{
    [JsonPropertyName("spec")]
    public TSpec? Spec { get; set; }

    [JsonPropertyName("status")]
    public TStatus? Status { get; set; }
}
