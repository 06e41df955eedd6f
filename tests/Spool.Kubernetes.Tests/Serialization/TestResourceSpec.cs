namespace Spool.Kubernetes.Tests.Serialization;

public sealed class TestResourceSpec
{
    public int? Replicas { get; set; }

    public string? StorageClassName { get; set; }
}
