using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>v1 Probe.</summary>
public sealed class Probe : KubernetesModel
{
    [JsonPropertyName("httpGet")]
    public HttpGetAction? HttpGet { get; set; }

    [JsonPropertyName("tcpSocket")]
    public TcpSocketAction? TcpSocket { get; set; }

    [JsonPropertyName("exec")]
    public ExecAction? Exec { get; set; }

    [JsonPropertyName("initialDelaySeconds")]
    public int? InitialDelaySeconds { get; set; }

    [JsonPropertyName("periodSeconds")]
    public int? PeriodSeconds { get; set; }

    [JsonPropertyName("timeoutSeconds")]
    public int? TimeoutSeconds { get; set; }

    [JsonPropertyName("successThreshold")]
    public int? SuccessThreshold { get; set; }

    [JsonPropertyName("failureThreshold")]
    public int? FailureThreshold { get; set; }

    [JsonPropertyName("terminationGracePeriodSeconds")]
    public long? TerminationGracePeriodSeconds { get; set; }
}
