using System.Text.Json.Serialization;

namespace Spool.Operator.Yaml;

/// <summary>JSON metadata for quoting YAML strings.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class YamlJsonContext : JsonSerializerContext;
