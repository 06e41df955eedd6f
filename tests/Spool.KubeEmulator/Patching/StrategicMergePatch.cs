using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds, approximated: a JSON merge patch in which lists with a
/// patch merge key (containers by name, ports, conditions by type, ...) merge item by item, primitive
/// sets (finalizers) union, and the $patch: delete|replace and $deleteFromPrimitiveList directives work.
/// $setElementOrder and $retainKeys are accepted and ignored.
/// </summary>
public static class StrategicMergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, FieldSchema schema)
    {
        if (patch is not JsonObject p)
        {
            return patch?.DeepClone();
        }
        if (Jn.Str(p, "$patch") == "replace")
        {
            var replaced = (JsonObject)p.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }
        var result = target is JsonObject t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (key, value) in p)
        {
            if (key.StartsWith("$setElementOrder/", StringComparison.Ordinal) || key is "$retainKeys" or "$patch")
            {
                continue;
            }
            if (key.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var field = key["$deleteFromPrimitiveList/".Length..];
                if (result[field] is JsonArray list && value is JsonArray remove)
                {
                    result[field] = new JsonArray(list.Where(i => !remove.Any(r => Jn.DeepEquals(r, i))).Select(i => i?.DeepClone()).ToArray());
                }
                continue;
            }
            var childSchema = schema.Field(key);
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is JsonObject vo && Jn.Str(vo, "$patch") == "delete")
            {
                result.Remove(key);
            }
            else if (value is JsonArray va && result[key] is JsonArray existing)
            {
                result[key] = childSchema.ListType switch
                {
                    ListType.Map => MergeKeyed(existing, va, childSchema),
                    ListType.Set => new JsonArray(existing.Concat(va.Where(v => !existing.Any(e => Jn.DeepEquals(e, v))))
                        .Select(i => i?.DeepClone()).ToArray()),
                    _ => va.DeepClone(),
                };
            }
            else
            {
                result[key] = Apply(result[key], value, childSchema);
            }
        }
        return result;
    }

    private static JsonArray MergeKeyed(JsonArray existing, JsonArray patch, FieldSchema schema)
    {
        var keys = schema.MapKeys(existing.Count > 0 ? existing : patch);
        var result = existing.Select(i => i?.DeepClone()).ToList();
        foreach (var item in patch)
        {
            if (item is not JsonObject pi)
            {
                continue;
            }
            var index = result.FindIndex(e => e is JsonObject eo && keys.All(k => Jn.DeepEquals(eo[k], pi[k]) || (k == "protocol" && IsDefaultProtocol(eo[k], pi[k]))));
            var directive = Jn.Str(pi, "$patch");
            if (directive == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }
                continue;
            }
            if (index >= 0)
            {
                result[index] = Apply(result[index], pi, schema.Items);
            }
            else
            {
                var clean = (JsonObject)pi.DeepClone();
                clean.Remove("$patch");
                result.Add(clean);
            }
        }
        return new JsonArray(result.ToArray());
    }

    private static bool IsDefaultProtocol(JsonNode? a, JsonNode? b) =>
        (a is null && Jn.ScalarText(b) == "TCP") || (b is null && Jn.ScalarText(a) == "TCP");
}
