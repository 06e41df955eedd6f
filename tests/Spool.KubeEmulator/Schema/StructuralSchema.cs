using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Schema;

/// <summary>
/// Pruning and defaulting of custom resources against a structural OpenAPI v3 schema, as the
/// apiextensions-apiserver does before validation: unknown fields are dropped (unless
/// x-kubernetes-preserve-unknown-fields), nulls of non-nullable fields are dropped, and defaults fill
/// absent fields (recursively, including inside defaulted values).
/// </summary>
public static partial class StructuralSchema
{
    /// <summary>Removes fields the schema does not know; returns their paths ("spec.foo").</summary>
    public static List<string> PruneRoot(JsonObject obj, JsonObject schema)
    {
        var pruned = new List<string>();
        foreach (var key in obj.Select(kv => kv.Key).ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }
            if (Jn.ObjAt(schema, "properties", key) is { } prop)
            {
                Prune(obj[key], prop, key, pruned);
            }
            else if (!PreservesUnknown(schema))
            {
                obj.Remove(key);
                pruned.Add(key);
            }
        }
        return pruned;
    }

    private static bool PreservesUnknown(JsonObject? schema) => Jn.Bool(schema, "x-kubernetes-preserve-unknown-fields") == true;

    private static void Prune(JsonNode? node, JsonObject? schema, string path, List<string> pruned)
    {
        if (schema is null)
        {
            return;
        }
        switch (node)
        {
            case JsonObject o:
            {
                var embedded = Jn.Bool(schema, "x-kubernetes-embedded-resource") == true;
                var props = schema["properties"] as JsonObject;
                var additional = schema["additionalProperties"];
                foreach (var key in o.Select(kv => kv.Key).ToList())
                {
                    var childPath = $"{path}.{key}";
                    if (embedded && key is "apiVersion" or "kind" or "metadata")
                    {
                        continue;
                    }
                    if (props?[key] is JsonObject ps)
                    {
                        Prune(o[key], ps, childPath, pruned);
                    }
                    else if (additional is JsonObject aps)
                    {
                        Prune(o[key], aps, childPath, pruned);
                    }
                    else if (additional is JsonValue av && av.TryGetValue<bool>(out var allow) && allow)
                    {
                        continue;
                    }
                    else if (!PreservesUnknown(schema))
                    {
                        o.Remove(key);
                        pruned.Add(childPath);
                    }
                }
                break;
            }
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    Prune(a[i], schema["items"] as JsonObject, $"{path}[{i}]", pruned);
                }
                break;
        }
    }

    public static void DefaultRoot(JsonObject obj, JsonObject schema) => Default(obj, schema, isRoot: true);

    private static void Default(JsonNode? node, JsonObject? schema, bool isRoot = false)
    {
        if (schema is null)
        {
            return;
        }
        switch (node)
        {
            case JsonObject o:
            {
                if (schema["properties"] is JsonObject props)
                {
                    foreach (var (name, propNode) in props)
                    {
                        if (isRoot && name is "metadata" or "apiVersion" or "kind")
                        {
                            continue;
                        }
                        if (propNode is not JsonObject ps)
                        {
                            continue;
                        }
                        if (o.TryGetPropertyValue(name, out var current) && current is null && Jn.Bool(ps, "nullable") != true)
                        {
                            o.Remove(name);
                        }
                        if (!o.ContainsKey(name) && ps.TryGetPropertyValue("default", out var def))
                        {
                            o[name] = def?.DeepClone();
                        }
                    }
                }
                foreach (var (key, value) in o.ToList())
                {
                    if (isRoot && key is "metadata" or "apiVersion" or "kind")
                    {
                        continue;
                    }
                    var childSchema = Jn.ObjAt(schema, "properties", key) ?? schema["additionalProperties"] as JsonObject;
                    Default(value, childSchema);
                }
                break;
            }
            case JsonArray a:
                foreach (var item in a)
                {
                    Default(item, schema["items"] as JsonObject);
                }
                break;
        }
    }
}
