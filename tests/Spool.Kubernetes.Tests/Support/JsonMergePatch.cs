using System.Text.Json.Nodes;

namespace Spool.Kubernetes.Tests.Support;

/// <summary>RFC 7386 merge, for the fake API server.</summary>
public static class JsonMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }

            var existing = result[key]?.DeepClone();
            result.Remove(key);
            result[key] = Apply(existing, value);
        }

        return result;
    }
}
