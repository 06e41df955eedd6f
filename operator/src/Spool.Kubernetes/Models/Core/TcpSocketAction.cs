using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 TCPSocketAction.</summary>
public sealed class TcpSocketAction : KubernetesModel
{
    [JsonPropertyName("port")]
    public IntOrString? Port { get; set; }

    [JsonPropertyName("host")]
    public string? Host { get; set; }
}
