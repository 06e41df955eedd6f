using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Json;

/// <summary>Small helpers over System.Text.Json.Nodes: objects are stored and manipulated as JSON trees.</summary>
public static class Jn
{
    /// <summary>Relaxed escaping so stored text (quotes, '&lt;') reads like the apiserver's output.</summary>
    public static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject Obj(JsonNode? node) => node as JsonObject ?? throw new InvalidOperationException("not a JSON object");

    public static JsonObject Clone(JsonObject o) => (JsonObject)o.DeepClone();

    public static JsonNode? CloneNode(JsonNode? n) => n?.DeepClone();

    public static string Serialize(JsonNode? node) => node is null ? "null" : node.ToJsonString(WriteOptions);

    public static JsonObject ParseObject(string text) =>
        JsonNode.Parse(text) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static JsonObject ParseObject(ReadOnlySpan<byte> utf8) =>
        JsonNode.Parse(utf8) as JsonObject ?? throw new JsonException("expected a JSON object");

    public static JsonNode? Get(JsonNode? node, params string[] path)
    {
        var cur = node;
        foreach (var p in path)
        {
            if (cur is not JsonObject o || !o.TryGetPropertyValue(p, out cur))
            {
                return null;
            }
        }
        return cur;
    }

    public static string? Str(JsonNode? node, params string[] path) =>
        Get(node, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Long(JsonNode? node, params string[] path)
    {
        if (Get(node, path) is not JsonValue v)
        {
            return null;
        }
        if (v.GetValueKind() == JsonValueKind.Number)
        {
            var d = Number(v);
            return Math.Abs(d % 1) < double.Epsilon ? (long)d : null;
        }
        return v.TryGetValue<string>(out var s) && long.TryParse(s, CultureInfo.InvariantCulture, out var l) ? l : null;
    }

    public static bool? Bool(JsonNode? node, params string[] path) =>
        Get(node, path) is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    public static JsonObject? ObjAt(JsonNode? node, params string[] path) => Get(node, path) as JsonObject;

    public static JsonArray? ArrAt(JsonNode? node, params string[] path) => Get(node, path) as JsonArray;

    /// <summary>Returns the object at path, creating empty objects along the way.</summary>
    public static JsonObject Ensure(JsonObject root, params string[] path)
    {
        var cur = root;
        foreach (var p in path)
        {
            if (cur[p] is not JsonObject next)
            {
                next = new JsonObject();
                cur[p] = next;
            }
            cur = next;
        }
        return cur;
    }

    public static JsonObject Meta(JsonObject obj) => Ensure(obj, "metadata");

    public static string Name(JsonObject obj) => Str(obj, "metadata", "name") ?? "";

    public static string? Namespace(JsonObject obj) => Str(obj, "metadata", "namespace");

    public static string Uid(JsonObject obj) => Str(obj, "metadata", "uid") ?? "";

    public static string ResourceVersion(JsonObject obj) => Str(obj, "metadata", "resourceVersion") ?? "";

    public static bool IsDeleting(JsonObject obj) => Get(obj, "metadata", "deletionTimestamp") is not null;

    public static List<string> Strings(JsonNode? node)
    {
        var list = new List<string>();
        if (node is JsonArray a)
        {
            foreach (var item in a)
            {
                if (item is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    list.Add(s);
                }
            }
        }
        return list;
    }

    public static JsonArray StringArray(IEnumerable<string> items)
    {
        var a = new JsonArray();
        foreach (var s in items)
        {
            a.Add(s);
        }
        return a;
    }

    public static Dictionary<string, string> StringMap(JsonNode? node)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject o)
        {
            foreach (var (k, v) in o)
            {
                map[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : Serialize(v);
            }
        }
        return map;
    }

    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);

    /// <summary>The string form used in messages and comparisons of scalar values.</summary>
    public static string ScalarText(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => Serialize(node),
    };

    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string MicroTimestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(string? s) =>
        s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>True when a number node holds an integral value (1 and 1.0 both count, as in Go's JSON decoding).</summary>
    public static bool IsInteger(JsonValue v, out long value)
    {
        value = 0;
        if (v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }
        if (v.TryGetValue<long>(out value))
        {
            return true;
        }
        var d = Number(v);
        if (Math.Abs(d % 1) < double.Epsilon && d is >= long.MinValue and <= long.MaxValue)
        {
            value = (long)d;
            return true;
        }
        return false;
    }

    /// <summary>A numeric value whatever CLR type backs the node (parsed JSON, YAML longs, ints set in code).</summary>
    public static double Number(JsonValue v)
    {
        if (v.TryGetValue<double>(out var d))
        {
            return d;
        }
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }
        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }
        if (v.TryGetValue<decimal>(out var m))
        {
            return (double)m;
        }
        return double.Parse(Serialize(v), CultureInfo.InvariantCulture);
    }
}
