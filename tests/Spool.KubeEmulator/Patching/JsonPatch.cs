using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Patching;

/// <summary>JSON patch (RFC 6902): add, remove, replace, move, copy, test with JSON pointers (RFC 6901).</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray ops)
        {
            throw StatusBuilder.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        var doc = document.DeepClone();
        foreach (var opNode in ops)
        {
            var op = opNode as JsonObject ?? throw StatusBuilder.BadRequest("invalid JSON patch operation");
            var kind = Jn.Str(op, "op") ?? throw StatusBuilder.BadRequest("Unexpected kind: unknown");
            var path = Jn.Str(op, "path") ?? throw Failed($"missing path in {kind} operation");
            switch (kind)
            {
                case "add":
                    doc = Add(doc, path, Value(op));
                    break;
                case "remove":
                    doc = Remove(doc, path, out _);
                    break;
                case "replace":
                    if (Resolve(doc, path) is null && path.Length > 0 && !Exists(doc, path))
                    {
                        throw Failed($"replace operation does not apply: doc is missing key: {path}: missing value");
                    }
                    doc = Remove(doc, path, out _);
                    doc = Add(doc, path, Value(op));
                    break;
                case "move":
                {
                    var from = Jn.Str(op, "from") ?? throw Failed("missing from in move operation");
                    doc = Remove(doc, from, out var moved);
                    doc = Add(doc, path, moved);
                    break;
                }
                case "copy":
                {
                    var from = Jn.Str(op, "from") ?? throw Failed("missing from in copy operation");
                    if (!Exists(doc, from))
                    {
                        throw Failed($"copy operation does not apply: doc is missing from path: {from}");
                    }
                    doc = Add(doc, path, Resolve(doc, from)?.DeepClone());
                    break;
                }
                case "test":
                    if (!Exists(doc, path) || !Jn.DeepEquals(Resolve(doc, path), op["value"]))
                    {
                        throw Failed($"testing value {path} failed: test failed");
                    }
                    break;
                default:
                    throw StatusBuilder.BadRequest($"Unexpected kind: {kind}");
            }
        }
        return doc;
    }

    private static JsonNode? Value(JsonObject op) =>
        op.TryGetPropertyValue("value", out var v) ? v?.DeepClone() : throw StatusBuilder.BadRequest("missing value");

    private static ApiException Failed(string message) => new(422, "Invalid", message);

    public static List<string> Parse(string pointer)
    {
        if (pointer.Length == 0)
        {
            return [];
        }
        if (pointer[0] != '/')
        {
            throw Failed($"JSON pointer must start with '/': {pointer}");
        }
        return pointer[1..].Split('/').Select(s => s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
    }

    private static bool Exists(JsonNode doc, string pointer)
    {
        var parts = Parse(pointer);
        JsonNode? cur = doc;
        foreach (var p in parts)
        {
            switch (cur)
            {
                case JsonObject o when o.ContainsKey(p):
                    cur = o[p];
                    break;
                case JsonArray a when int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                    cur = a[i];
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    private static JsonNode? Resolve(JsonNode doc, string pointer)
    {
        JsonNode? cur = doc;
        foreach (var p in Parse(pointer))
        {
            cur = cur switch
            {
                JsonObject o => o[p],
                JsonArray a when int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => null,
            };
        }
        return cur;
    }

    private static (JsonNode Parent, string Last) Parent(JsonNode doc, string pointer)
    {
        var parts = Parse(pointer);
        var parentPointer = parts.Count <= 1 ? "" : "/" + string.Join("/", parts.Take(parts.Count - 1).Select(s => s.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        var parent = Resolve(doc, parentPointer) ?? throw Failed($"doc is missing path: \"{pointer}\": missing value");
        return (parent, parts[^1]);
    }

    private static JsonNode Add(JsonNode doc, string pointer, JsonNode? value)
    {
        if (pointer.Length == 0)
        {
            return value ?? throw Failed("cannot replace the document with null");
        }
        var (parent, last) = Parent(doc, pointer);
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a:
                if (last == "-")
                {
                    a.Add(value);
                }
                else if (int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count)
                {
                    a.Insert(i, value);
                }
                else
                {
                    throw Failed($"add operation does not apply: index out of bounds: {pointer}");
                }
                break;
            default:
                throw Failed($"add operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }
        return doc;
    }

    private static JsonNode Remove(JsonNode doc, string pointer, out JsonNode? removed)
    {
        var (parent, last) = Parent(doc, pointer);
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                removed = o[last];
                o.Remove(last);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count:
                removed = a[i];
                a.RemoveAt(i);
                break;
            default:
                throw Failed($"remove operation does not apply: doc is missing path: \"{pointer}\": missing value");
        }
        removed = removed?.DeepClone();
        return doc;
    }
}
