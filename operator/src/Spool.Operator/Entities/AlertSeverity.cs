using System.Text.Json.Serialization;

namespace Spool.Operator.Entities;

/// <summary>The severity label of a lag alert (what Alertmanager routes on).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    [JsonStringEnumMemberName("info")]
    Info = 0,

    [JsonStringEnumMemberName("warning")]
    Warning = 1,

    [JsonStringEnumMemberName("critical")]
    Critical = 2,
}
