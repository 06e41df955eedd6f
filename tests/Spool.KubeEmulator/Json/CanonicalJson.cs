using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Json;

/// <summary>JSON with object keys sorted recursively, so equal trees hash equally whatever their key order.</summary>
public static class CanonicalJson
{
    public static string Serialize(JsonNode? node) => Jn.Serialize(Sort(node));

    private static JsonNode? Sort(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => KeyValuePair.Create(kv.Key, Sort(kv.Value)))),
        JsonArray a => new JsonArray(a.Select(Sort).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>A controller-revision-hash style name suffix (FNV-1a of the canonical JSON, safe-encoded).</summary>
    public static string Hash(JsonNode? node)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        uint hash = 2166136261;
        foreach (var ch in Serialize(node))
        {
            hash ^= ch;
            hash *= 16777619;
        }
        var digits = hash.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new string(digits.Select(d => alphabet[d % alphabet.Length]).ToArray());
    }
}
