using System.Text.Json.Serialization;

namespace Spool.Operator.Entities;

/// <summary>The broker container's imagePullPolicy.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PullPolicy>))]
public enum PullPolicy
{
    IfNotPresent = 0,
    Always = 1,
    Never = 2,
}
