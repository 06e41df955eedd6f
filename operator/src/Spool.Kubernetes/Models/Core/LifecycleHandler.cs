using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 LifecycleHandler.</summary>
public sealed class LifecycleHandler : KubernetesModel
{
    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; set; }

    [JsonPropertyName("httpGet")]
    public HttpGetAction? HttpGet { get; set; }

    [JsonPropertyName("tcpSocket")]
    public TcpSocketAction? TcpSocket { get; set; }

    [JsonPropertyName("sleep")]
    public SleepAction? Sleep { get; set; }
}
