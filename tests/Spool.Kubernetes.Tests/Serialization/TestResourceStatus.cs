using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Tests.Serialization;

public sealed class TestResourceStatus
{
    public long? ObservedGeneration { get; set; }

    public List<Condition>? Conditions { get; set; }
}
