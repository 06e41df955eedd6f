using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Patching;

/// <summary>
/// Field paths in the FieldsV1 vocabulary of managedFields: "f:name" for a field, "k:{...}" for an item
/// of an associative list, "v:..." for a set item, "." for an item itself. A path is its elements
/// joined by a separator that cannot occur in them.
/// </summary>
public static class FieldPaths
{
    public const char Separator = '\u001f';

    /// <summary>Top-level and metadata fields the server manages itself; they are never owned.</summary>
    private static readonly HashSet<string> IgnoredMeta = new(StringComparer.Ordinal)
    {
        "name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp",
        "deletionGracePeriodSeconds", "managedFields", "selfLink", "generateName",
    };

    public static HashSet<string> Leaves(JsonObject obj, FieldSchema schema)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }
            if (key == "metadata" && value is JsonObject meta)
            {
                foreach (var (mk, mv) in meta)
                {
                    if (!IgnoredMeta.Contains(mk))
                    {
                        Collect(mv, schema.Field("metadata").Field(mk), ["f:metadata", "f:" + mk], set);
                    }
                }
                continue;
            }
            Collect(value, schema.Field(key), ["f:" + key], set);
        }
        return set;
    }

    private static void Collect(JsonNode? node, FieldSchema schema, List<string> prefix, HashSet<string> into)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0 && !schema.IsAtomicMap:
                foreach (var (k, v) in o)
                {
                    Collect(v, schema.Field(k), [.. prefix, "f:" + k], into);
                }
                break;
            case JsonArray a when schema.ListType == ListType.Map:
            {
                var keys = schema.MapKeys(a);
                foreach (var item in a)
                {
                    var pe = KeyElement(item, keys);
                    into.Add(Join([.. prefix, pe, "."]));
                    if (item is JsonObject io)
                    {
                        foreach (var (k, v) in io)
                        {
                            Collect(v, schema.Items.Field(k), [.. prefix, pe, "f:" + k], into);
                        }
                    }
                }
                if (a.Count == 0)
                {
                    into.Add(Join(prefix));
                }
                break;
            }
            case JsonArray a when schema.ListType == ListType.Set:
                foreach (var item in a)
                {
                    into.Add(Join([.. prefix, "v:" + Jn.Serialize(item)]));
                }
                if (a.Count == 0)
                {
                    into.Add(Join(prefix));
                }
                break;
            default:
                into.Add(Join(prefix));
                break;
        }
    }

    public static string KeyElement(JsonNode? item, IReadOnlyList<string> keys)
    {
        var o = new JsonObject();
        foreach (var k in keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            if (item is JsonObject io && io[k] is { } v)
            {
                o[k] = v.DeepClone();
            }
        }
        return "k:" + Jn.Serialize(o);
    }

    public static string Join(IEnumerable<string> elements) => string.Join(Separator, elements);

    public static string[] Split(string path) => path.Split(Separator);

    /// <summary>Finds the node a path designates; found is false when it does not exist.</summary>
    public static JsonNode? Resolve(JsonNode? root, string path, FieldSchema schema, out bool found)
    {
        found = false;
        var cur = root;
        var s = schema;
        foreach (var pe in Split(path))
        {
            if (pe == ".")
            {
                continue;
            }
            if (pe.StartsWith("f:", StringComparison.Ordinal))
            {
                var name = pe[2..];
                if (cur is not JsonObject o || !o.TryGetPropertyValue(name, out cur))
                {
                    return null;
                }
                s = s.Field(name);
            }
            else if (pe.StartsWith("k:", StringComparison.Ordinal) || pe.StartsWith("v:", StringComparison.Ordinal))
            {
                if (cur is not JsonArray a)
                {
                    return null;
                }
                var index = IndexOf(a, pe, s);
                if (index < 0)
                {
                    return null;
                }
                cur = a[index];
                s = s.Items;
            }
        }
        found = true;
        return cur;
    }

    public static int IndexOf(JsonArray a, string pe, FieldSchema listSchema)
    {
        if (pe.StartsWith("v:", StringComparison.Ordinal))
        {
            var v = JsonNode.Parse(pe[2..]);
            for (var i = 0; i < a.Count; i++)
            {
                if (Jn.DeepEquals(a[i], v))
                {
                    return i;
                }
            }
            return -1;
        }
        var keys = listSchema.MapKeys(a);
        for (var i = 0; i < a.Count; i++)
        {
            if (KeyElement(a[i], keys) == pe)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>Removes the field or list item a path designates ("k:{..}/." removes the item).</summary>
    public static void Remove(JsonObject root, string path, FieldSchema schema)
    {
        var parts = Split(path).ToList();
        if (parts[^1] == ".")
        {
            parts.RemoveAt(parts.Count - 1);
        }
        JsonNode? cur = root;
        var s = schema;
        for (var i = 0; i < parts.Count; i++)
        {
            var pe = parts[i];
            var last = i == parts.Count - 1;
            if (pe.StartsWith("f:", StringComparison.Ordinal))
            {
                var name = pe[2..];
                if (cur is not JsonObject o)
                {
                    return;
                }
                if (last)
                {
                    o.Remove(name);
                    return;
                }
                cur = o[name];
                s = s.Field(name);
            }
            else
            {
                if (cur is not JsonArray a)
                {
                    return;
                }
                var index = IndexOf(a, pe, s);
                if (index < 0)
                {
                    return;
                }
                if (last)
                {
                    a.RemoveAt(index);
                    return;
                }
                cur = a[index];
                s = s.Items;
            }
        }
    }

    /// <summary>Renders a path like structured-merge-diff does in conflict messages: .spec.containers[name="app"].image.</summary>
    public static string Display(string path)
    {
        var sb = new StringBuilder();
        foreach (var pe in Split(path))
        {
            if (pe.StartsWith("f:", StringComparison.Ordinal))
            {
                sb.Append('.').Append(pe[2..]);
            }
            else if (pe.StartsWith("k:", StringComparison.Ordinal))
            {
                var key = JsonNode.Parse(pe[2..]) as JsonObject ?? [];
                sb.Append('[').Append(string.Join(",", key.Select(kv => $"{kv.Key}={Jn.Serialize(kv.Value)}"))).Append(']');
            }
            else if (pe.StartsWith("v:", StringComparison.Ordinal))
            {
                sb.Append("[=").Append(pe[2..]).Append(']');
            }
        }
        return sb.ToString();
    }

    /// <summary>managedFields' fieldsV1 tree from a set of leaf paths.</summary>
    public static JsonObject ToTree(IEnumerable<string> leaves)
    {
        var root = new JsonObject();
        foreach (var leaf in leaves.OrderBy(l => l, StringComparer.Ordinal))
        {
            var cur = root;
            foreach (var pe in Split(leaf))
            {
                if (cur[pe] is not JsonObject next)
                {
                    next = new JsonObject();
                    cur[pe] = next;
                }
                cur = next;
            }
        }
        return root;
    }

    public static HashSet<string> FromTree(JsonObject? tree)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        if (tree is not null)
        {
            Walk(tree, [], set);
        }
        return set;
    }

    private static void Walk(JsonObject node, List<string> prefix, HashSet<string> into)
    {
        foreach (var (k, v) in node)
        {
            if (v is JsonObject child && child.Count > 0)
            {
                Walk(child, [.. prefix, k], into);
            }
            else
            {
                into.Add(Join([.. prefix, k]));
            }
        }
    }

    public static bool SameValue(JsonNode? a, JsonNode? b) =>
        a?.GetValueKind() == JsonValueKind.Number && b?.GetValueKind() == JsonValueKind.Number
            ? Jn.Number(a.AsValue()) == Jn.Number(b.AsValue())
            : Jn.DeepEquals(a, b);
}
