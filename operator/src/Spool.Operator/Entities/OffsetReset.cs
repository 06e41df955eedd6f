using System.ComponentModel;
using System.Text.Json.Nodes;
using Spool.Operator.Crds;

namespace Spool.Operator.Entities;

/// <summary>A declarative offset reset, applied once per request id.</summary>
[Description("An offset reset like kafka-consumer-groups.sh --reset-offsets. It is applied once per requestId (status.lastAppliedResetId), only while the group has no active members; until then status says it is waiting. Change requestId to reset again.")]
public sealed class OffsetReset
{
    [Required]
    [Description("earliest, latest, timestamp (value: RFC 3339 time or epoch milliseconds), offset (value: the offset) or shiftBy (value: records to move, negative goes back).")]
    public ResetTarget To { get; set; }

    [IntOrString]
    [Description("Argument of timestamp (an RFC 3339 time such as 2024-05-01T12:00:00Z, or epoch milliseconds), offset (the offset) and shiftBy (records to move; negative goes back).")]
    public JsonNode? Value { get; set; }

    [Description("Topics to reset; defaults to spec.topics, else every topic the group has committed offsets for.")]
    public List<string>? Topics { get; set; }

    [Required]
    [Length(1, 128)]
    [Description("Identifies this request: a reset is applied once per distinct requestId.")]
    public string RequestId { get; set; } = "";
}
