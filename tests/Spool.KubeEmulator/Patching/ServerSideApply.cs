using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Patching;

/// <summary>
/// Server-side apply (application/apply-patch+yaml): merges the applied configuration into the live
/// object, reports conflicts with other managers that own a field the configuration sets to a
/// different value (409 unless force), takes ownership of what the configuration sets, and removes
/// fields this manager applied before, no longer applies, and nobody else owns.
/// </summary>
public static class ServerSideApply
{
    public static JsonObject Apply(JsonObject live, JsonObject config, string manager, bool force, FieldSchema schema,
        string apiVersion, DateTimeOffset now, string? subresource)
    {
        var configLeaves = FieldPaths.Leaves(config, schema);
        var entries = ManagedFields.Read(live);
        var conflicts = new List<(ManagedFieldsEntry Entry, string Path)>();
        foreach (var e in entries.Where(e => e.Manager != manager))
        {
            foreach (var p in e.Fields.Where(configLeaves.Contains))
            {
                if (p.EndsWith(FieldPaths.Separator + ".", StringComparison.Ordinal))
                {
                    continue;
                }
                var liveValue = FieldPaths.Resolve(live, p, schema, out var found);
                var wanted = FieldPaths.Resolve(config, p, schema, out _);
                if (found && !FieldPaths.SameValue(liveValue, wanted))
                {
                    conflicts.Add((e, p));
                }
            }
        }
        if (conflicts.Count > 0)
        {
            if (!force)
            {
                throw ConflictError(conflicts);
            }
            foreach (var (e, p) in conflicts)
            {
                e.Fields.Remove(p);
            }
        }

        var merged = (JsonObject)Merge(live, config, schema)!;
        var mine = entries.FirstOrDefault(e => e.SameIdentity(manager, "Apply", subresource));
        if (mine is not null)
        {
            var others = entries.Where(e => e != mine).SelectMany(e => e.Fields).ToHashSet(StringComparer.Ordinal);
            foreach (var p in mine.Fields.Where(p => !configLeaves.Contains(p)).OrderByDescending(p => p.Length))
            {
                if (!others.Contains(p) && !others.Any(o => o.StartsWith(p.TrimEnd('.').TrimEnd(FieldPaths.Separator) + FieldPaths.Separator, StringComparison.Ordinal)))
                {
                    FieldPaths.Remove(merged, p, schema);
                }
            }
        }
        else
        {
            mine = new ManagedFieldsEntry { Manager = manager, Operation = "Apply", Subresource = subresource };
            entries.Add(mine);
        }
        mine.Fields = configLeaves;
        mine.ApiVersion = apiVersion;
        mine.Time = Jn.Timestamp(now);
        ManagedFields.Write(merged, entries);
        return merged;
    }

    private static JsonNode? Merge(JsonNode? live, JsonNode? config, FieldSchema schema)
    {
        if (config is JsonObject co && live is JsonObject lo && !schema.IsAtomicMap)
        {
            var result = (JsonObject)lo.DeepClone();
            foreach (var (k, v) in co)
            {
                result[k] = Merge(lo[k], v, schema.Field(k));
            }
            return result;
        }
        if (config is JsonArray ca && live is JsonArray la)
        {
            switch (schema.ListType)
            {
                case ListType.Map:
                {
                    var keys = schema.MapKeys(la.Count > 0 ? la : ca);
                    var result = la.Select(i => i?.DeepClone()).ToList();
                    foreach (var item in ca)
                    {
                        var pe = FieldPaths.KeyElement(item, keys);
                        var index = result.FindIndex(r => FieldPaths.KeyElement(r, keys) == pe);
                        if (index >= 0)
                        {
                            result[index] = Merge(result[index], item, schema.Items);
                        }
                        else
                        {
                            result.Add(item?.DeepClone());
                        }
                    }
                    return new JsonArray(result.ToArray());
                }
                case ListType.Set:
                    return new JsonArray(la.Concat(ca.Where(c => !la.Any(l => Jn.DeepEquals(l, c)))).Select(i => i?.DeepClone()).ToArray());
            }
        }
        return config?.DeepClone();
    }

    private static ApiException ConflictError(List<(ManagedFieldsEntry Entry, string Path)> conflicts)
    {
        string message;
        if (conflicts.Count == 1)
        {
            message = $"Apply failed with 1 conflict: conflict with {conflicts[0].Entry.Display}: {FieldPaths.Display(conflicts[0].Path)}";
        }
        else
        {
            var lines = new List<string>();
            foreach (var group in conflicts.GroupBy(c => c.Entry.Display).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                lines.Add($"conflicts with {group.Key}:");
                lines.AddRange(group.Select(c => "- " + FieldPaths.Display(c.Path)));
            }
            message = $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        }
        var causes = new JsonArray();
        foreach (var (e, p) in conflicts)
        {
            causes.Add(new JsonObject { ["reason"] = "FieldManagerConflict", ["message"] = $"conflict with {e.Display}", ["field"] = FieldPaths.Display(p) });
        }
        return new ApiException(409, "Conflict", message, new JsonObject { ["causes"] = causes });
    }
}
