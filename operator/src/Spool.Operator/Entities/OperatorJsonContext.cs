using System.Text.Json.Serialization;

namespace Spool.Operator.Entities;

/// <summary>Source-generated JSON metadata of the custom resources (the client refuses reflection-based JSON).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SpoolCluster))]
[JsonSerializable(typeof(SpoolTopic))]
[JsonSerializable(typeof(SpoolConsumerGroup))]
public sealed partial class OperatorJsonContext : JsonSerializerContext;
