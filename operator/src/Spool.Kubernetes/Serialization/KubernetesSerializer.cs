using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Spool.Kubernetes.Serialization;

/// <summary>
/// The JSON options every request and response goes through: source-generated contexts only (the caller's for
/// its custom resources, then <see cref="KubernetesJsonContext"/>), so an unregistered type fails loudly instead of
/// falling back to reflection.
/// </summary>
public sealed class KubernetesSerializer
{
    public KubernetesSerializer(params IJsonTypeInfoResolver[] resolvers)
    {
        Options = new JsonSerializerOptions
        {
            TypeInfoResolver = JsonTypeInfoResolver.Combine([.. resolvers, KubernetesJsonContext.Default]),
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        Options.MakeReadOnly();
    }

    public static KubernetesSerializer Default { get; } = new();

    public JsonSerializerOptions Options { get; }

    public JsonTypeInfo<T> GetTypeInfo<T>()
    {
        try
        {
            return (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        }
        catch (NotSupportedException ex)
        {
            throw new InvalidOperationException(
                $"{typeof(T).FullName} has no source-generated JSON metadata: add [JsonSerializable(typeof({typeof(T).Name}))] " +
                "to a JsonSerializerContext and pass that context to the KubernetesSerializer.", ex);
        }
    }

    public byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    public string Serialize<T>(T value) => JsonSerializer.Serialize(value, GetTypeInfo<T>());

    public T Deserialize<T>(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>()) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");

    public T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize(json, GetTypeInfo<T>()) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");

    /// <summary>Deep copy through JSON: informer caches hand out shared instances that callers must not mutate.</summary>
    public T Clone<T>(T value) => Deserialize<T>(SerializeToUtf8Bytes(value));
}
