using System.Text.Json.Serialization;

namespace Spool.Operator.Entities;

/// <summary>What happens to a broker's PersistentVolumeClaim when its pod is removed.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ClaimPolicy>))]
public enum ClaimPolicy
{
    Keep = 0,
    Delete = 1,
}
