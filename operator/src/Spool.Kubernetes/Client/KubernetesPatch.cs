using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Client;

/// <summary>A patch body and its type.</summary>
public sealed class KubernetesPatch
{
    public KubernetesPatch(PatchType type, byte[] body)
    {
        Type = type;
        Body = body;
    }

    public PatchType Type { get; }

    public byte[] Body { get; }

    public string ContentType => ContentTypeOf(Type);

    public static KubernetesPatch Merge(JsonNode patch) => new(PatchType.Merge, ToBytes(patch));

    public static KubernetesPatch Merge(string json) => new(PatchType.Merge, Encoding.UTF8.GetBytes(json));

    public static KubernetesPatch Json(JsonArray operations) => new(PatchType.Json, ToBytes(operations));

    public static KubernetesPatch Json(string json) => new(PatchType.Json, Encoding.UTF8.GetBytes(json));

    public static KubernetesPatch StrategicMerge(JsonNode patch) => new(PatchType.StrategicMerge, ToBytes(patch));

    /// <summary>A server-side apply body; JSON is valid YAML, which is what the API expects for this type.</summary>
    public static KubernetesPatch Apply(string jsonOrYaml) => new(PatchType.Apply, Encoding.UTF8.GetBytes(jsonOrYaml));

    public static string ContentTypeOf(PatchType type) => type switch
    {
        PatchType.Merge => "application/merge-patch+json",
        PatchType.Json => "application/json-patch+json",
        PatchType.StrategicMerge => "application/strategic-merge-patch+json",
        PatchType.Apply => "application/apply-patch+yaml",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    private static byte[] ToBytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, KubernetesJsonContext.Default.JsonNode);
}
