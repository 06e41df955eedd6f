using System.Text.Json.Serialization;

namespace Spool.E2E.Tests.Harness;

/// <summary>JSON for the kafkajs script's address map.</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class KafkajsJsonContext : JsonSerializerContext;
