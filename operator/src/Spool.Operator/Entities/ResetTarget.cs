using System.Text.Json.Serialization;

namespace Spool.Operator.Entities;

/// <summary>Where an offset reset moves a group, as kafka-consumer-groups.sh --reset-offsets --to-... does.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ResetTarget>))]
public enum ResetTarget
{
    /// <summary>The log start offset: replay everything still retained.</summary>
    [JsonStringEnumMemberName("earliest")]
    Earliest = 0,

    /// <summary>The log end offset: skip everything written so far.</summary>
    [JsonStringEnumMemberName("latest")]
    Latest = 1,

    /// <summary>The first record at or after a time (RFC 3339 or epoch milliseconds in value).</summary>
    [JsonStringEnumMemberName("timestamp")]
    Timestamp = 2,

    /// <summary>An absolute offset (value), clamped to the partition's range.</summary>
    [JsonStringEnumMemberName("offset")]
    Offset = 3,

    /// <summary>The committed offset moved by value (negative goes back), clamped to the partition's range.</summary>
    [JsonStringEnumMemberName("shiftBy")]
    ShiftBy = 4,
}
