using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spool.Cli.Output;

/// <summary>
/// Source-generated serializers for every JSON shape the CLI prints. Field names are camelCase and part of the
/// CLI's contract with scripts; nulls are written, so every object always has every field.
/// </summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ErrorJson))]
[JsonSerializable(typeof(ClusterInfoJson))]
[JsonSerializable(typeof(List<TopicSummaryJson>))]
[JsonSerializable(typeof(List<TopicDetailJson>))]
[JsonSerializable(typeof(TopicCreatedJson))]
[JsonSerializable(typeof(TopicAlteredJson))]
[JsonSerializable(typeof(List<TopicDeletedJson>))]
[JsonSerializable(typeof(List<GroupListingJson>))]
[JsonSerializable(typeof(List<GroupDetailJson>))]
[JsonSerializable(typeof(OffsetResetJson))]
[JsonSerializable(typeof(List<GroupDeletedJson>))]
[JsonSerializable(typeof(ProduceSummaryJson))]
[JsonSerializable(typeof(ConsumedRecordJson))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>One object per line, for record streams and stderr.</summary>
    public static CliJsonContext Compact { get; } = new(new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
}
