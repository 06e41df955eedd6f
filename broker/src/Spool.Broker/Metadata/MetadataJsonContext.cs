using System.Text.Json.Serialization;

namespace Spool.Broker.Metadata;

/// <summary>Source-generated JSON for metadata records (no reflection on the broker's paths).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(MetadataRecord))]
public sealed partial class MetadataJsonContext : JsonSerializerContext;
