using System.Text.Json.Nodes;

namespace Spool.Helm.Tests.Support;

/// <summary>One object rendered by the chart, with the template it came from.</summary>
public sealed record Manifest(string Source, JsonObject Object)
{
    public string ApiVersion => Object["apiVersion"]?.GetValue<string>() ?? "";

    public string Kind => Object["kind"]?.GetValue<string>() ?? "";

    public string Name => Object["metadata"]?["name"]?.GetValue<string>() ?? "";

    public string? Namespace => Object["metadata"]?["namespace"]?.GetValue<string>();

    public string Group => ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    public IReadOnlyDictionary<string, string> Labels => Strings(Object["metadata"]?["labels"]);

    /// <summary>The pod template of a workload, or null.</summary>
    public JsonObject? PodSpec => Kind is "Deployment" or "StatefulSet" or "DaemonSet" or "Job"
        ? Object["spec"]?["template"]?["spec"] as JsonObject
        : Kind == "Pod" ? Object["spec"] as JsonObject : null;

    /// <summary>Containers and init containers of a workload.</summary>
    public IEnumerable<JsonObject> Containers =>
        PodSpec is { } pod
            ? (pod["containers"] as JsonArray ?? []).Concat(pod["initContainers"] as JsonArray ?? []).OfType<JsonObject>()
            : [];

    public static IReadOnlyDictionary<string, string> Strings(JsonNode? node) =>
        node is JsonObject map
            ? map.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);

    public override string ToString() => $"{Kind} {Namespace}/{Name} ({Source})";
}
