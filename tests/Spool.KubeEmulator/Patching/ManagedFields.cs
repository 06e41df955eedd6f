using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Patching;

/// <summary>
/// metadata.managedFields bookkeeping. Non-apply writes (create, update, patch) give their manager
/// the fields they changed and take those fields from everyone else, as the apiserver does.
/// </summary>
public static class ManagedFields
{
    public static List<ManagedFieldsEntry> Read(JsonObject obj)
    {
        var list = new List<ManagedFieldsEntry>();
        if (Jn.Get(obj, "metadata", "managedFields") is not JsonArray a)
        {
            return list;
        }
        foreach (var e in a.OfType<JsonObject>())
        {
            var manager = Jn.Str(e, "manager");
            var op = Jn.Str(e, "operation");
            if (manager is null || op is null)
            {
                continue;
            }
            list.Add(new ManagedFieldsEntry
            {
                Manager = manager,
                Operation = op,
                ApiVersion = Jn.Str(e, "apiVersion") ?? "",
                Time = Jn.Str(e, "time"),
                Subresource = Jn.Str(e, "subresource"),
                Fields = FieldPaths.FromTree(e["fieldsV1"] as JsonObject),
            });
        }
        return list;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var a = new JsonArray();
        foreach (var e in entries.Where(e => e.Fields.Count > 0))
        {
            var o = new JsonObject
            {
                ["manager"] = e.Manager,
                ["operation"] = e.Operation,
                ["apiVersion"] = e.ApiVersion,
            };
            if (e.Time is not null)
            {
                o["time"] = e.Time;
            }
            o["fieldsType"] = "FieldsV1";
            o["fieldsV1"] = FieldPaths.ToTree(e.Fields);
            if (!string.IsNullOrEmpty(e.Subresource))
            {
                o["subresource"] = e.Subresource;
            }
            a.Add(o);
        }
        var meta = Jn.Meta(obj);
        if (a.Count > 0)
        {
            meta["managedFields"] = a;
        }
        else
        {
            meta.Remove("managedFields");
        }
    }

    public static void RecordUpdate(JsonObject desired, JsonObject? existing, string manager, string apiVersion, DateTimeOffset now,
        string? subresource, FieldSchema schema)
    {
        var entries = existing is null ? [] : Read(existing);
        var newLeaves = FieldPaths.Leaves(desired, schema);
        var oldLeaves = existing is null ? [] : FieldPaths.Leaves(existing, schema);
        var changed = newLeaves.Where(p =>
        {
            var nv = FieldPaths.Resolve(desired, p, schema, out _);
            var ov = existing is null ? null : FieldPaths.Resolve(existing, p, schema, out var found) is var x && found ? x : null;
            return existing is null || !oldLeaves.Contains(p) || !FieldPaths.SameValue(nv, ov);
        }).ToHashSet(StringComparer.Ordinal);
        var removed = oldLeaves.Where(p => !newLeaves.Contains(p)).ToHashSet(StringComparer.Ordinal);

        var target = entries.FirstOrDefault(e => e.SameIdentity(manager, "Update", subresource));
        foreach (var e in entries)
        {
            e.Fields.ExceptWith(removed);
            if (e != target)
            {
                e.Fields.ExceptWith(changed);
            }
        }
        if (changed.Count > 0)
        {
            if (target is null)
            {
                target = new ManagedFieldsEntry { Manager = manager, Operation = "Update", Subresource = subresource };
                entries.Add(target);
            }
            target.Fields.UnionWith(changed);
            target.ApiVersion = apiVersion;
            target.Time = Jn.Timestamp(now);
        }
        Write(desired, entries);
    }

    /// <summary>managedFields without their timestamps, to tell real changes from a re-stamp.</summary>
    public static JsonArray? WithoutTimes(JsonArray? entries)
    {
        if (entries is null)
        {
            return null;
        }
        var copy = (JsonArray)entries.DeepClone();
        foreach (var e in copy.OfType<JsonObject>())
        {
            e.Remove("time");
        }
        return copy;
    }
}
