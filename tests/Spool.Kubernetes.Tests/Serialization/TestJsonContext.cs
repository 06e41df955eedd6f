using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Tests.Serialization;

/// <summary>Deliberately without naming options: the client's serializer options supply camelCase and null omission.</summary>
[JsonSerializable(typeof(TestResource))]
public sealed partial class TestJsonContext : JsonSerializerContext;
