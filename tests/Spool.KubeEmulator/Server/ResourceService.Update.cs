using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Patching;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Schema;

namespace Spool.KubeEmulator.Server;

public sealed partial class ResourceService
{
    private static readonly string[] ServerOwnedMeta = ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    public JsonObject Update(ResourceType t, string version, string? ns, string name, JsonObject body, string? subresource, WriteOptions o)
    {
        CheckTypeMeta(t, version, body);
        var bodyName = Jn.Name(body);
        if (bodyName != name)
        {
            throw StatusBuilder.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }
        var bodyNs = Jn.Namespace(body);
        if (t.Namespaced && !string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw StatusBuilder.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        var incoming = ToStorage(t, body);
        var result = CommitUpdate(t, version, ns, name, _ => incoming, subresource, o, ManagedOperation.Update);
        return ToServed(t, version, result);
    }

    /// <summary>
    /// Read-modify-write under the store lock: <paramref name="produce"/> turns the stored object into the
    /// desired one, then update semantics apply (preconditions, status separation, finalizer rules,
    /// validation, generation, managed fields, no-op detection, removal once finalizers are gone).
    /// </summary>
    internal JsonObject CommitUpdate(ResourceType t, string version, string? ns, string name, Func<JsonObject, JsonObject> produce,
        string? subresource, WriteOptions o, ManagedOperation operation)
    {
        var deleted = false;
        var written = false;
        var result = Store.Transact(tx =>
        {
            var existing = tx.Get(t.StorageTable, ns, name) ?? throw StatusBuilder.NotFound(t, name);
            var desired = produce(Jn.Clone(existing));
            var prepared = PrepareUpdate(t, version, existing, desired, subresource, o, operation);
            if (prepared is null || o.DryRun)
            {
                return prepared ?? existing;
            }
            written = true;
            // As the generic registry's shouldDeleteDuringUpdate: the last finalizer gone and no grace period left.
            if (Jn.IsDeleting(prepared) && Jn.Strings(Jn.Get(prepared, "metadata", "finalizers")).Count == 0
                && !Strategies.For(t).HasPendingFinalization(prepared) && (Jn.Long(prepared, "metadata", "deletionGracePeriodSeconds") ?? 0) == 0)
            {
                deleted = true;
                return tx.Remove(t.StorageTable, ns, name, prepared)!;
            }
            return tx.Put(t.StorageTable, prepared);
        });
        if (written)
        {
            Strategies.For(t).AfterWrite(result, deleted, this);
        }
        return result;
    }

    internal JsonObject? PrepareUpdate(ResourceType t, string version, JsonObject existing, JsonObject desired, string? subresource,
        WriteOptions o, ManagedOperation operation)
    {
        var eMeta = Jn.Meta(existing);
        var dMeta = Jn.Meta(desired);
        var name = Jn.Name(existing);
        var rv = Jn.Str(dMeta, "resourceVersion");
        if (!string.IsNullOrEmpty(rv) && rv != Jn.Str(eMeta, "resourceVersion"))
        {
            throw StatusBuilder.StaleConflict(t, name);
        }
        desired["apiVersion"] = existing["apiVersion"]?.DeepClone();
        desired["kind"] = t.Kind;

        if (subresource == "status")
        {
            // A status write changes .status only; everything else comes from the stored object.
            var status = desired["status"]?.DeepClone();
            var managed = dMeta["managedFields"]?.DeepClone();
            desired = Jn.Clone(existing);
            if (status is null)
            {
                desired.Remove("status");
            }
            else
            {
                desired["status"] = status;
            }
            dMeta = Jn.Meta(desired);
            if (operation == ManagedOperation.Apply)
            {
                dMeta["managedFields"] = managed;
            }
        }
        else if (t.HasStatus)
        {
            // Writes to the main resource ignore .status.
            if (existing["status"] is { } s)
            {
                desired["status"] = s.DeepClone();
            }
            else
            {
                desired.Remove("status");
            }
        }

        dMeta["name"] = eMeta["name"]?.DeepClone();
        if (t.Namespaced)
        {
            dMeta["namespace"] = eMeta["namespace"]?.DeepClone();
        }
        foreach (var f in ServerOwnedMeta)
        {
            if (eMeta[f] is { } v)
            {
                dMeta[f] = v.DeepClone();
            }
            else
            {
                dMeta.Remove(f);
            }
        }
        dMeta["resourceVersion"] = eMeta["resourceVersion"]?.DeepClone();
        dMeta.Remove("selfLink");
        dMeta.Remove("generateName");
        if (eMeta["generateName"] is { } gn)
        {
            dMeta["generateName"] = gn.DeepClone();
        }
        MetaValidation.PruneMetadata(dMeta);

        var errors = new List<FieldError>();
        if (Jn.IsDeleting(existing))
        {
            var before = Jn.Strings(eMeta["finalizers"]);
            var added = Jn.Strings(dMeta["finalizers"]).Where(f => !before.Contains(f, StringComparer.Ordinal)).ToList();
            if (added.Count > 0)
            {
                errors.Add(FieldError.Forbidden("metadata.finalizers",
                    $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(FieldError.Quote))}}}"));
            }
        }

        var ctx = Context(o, version, subresource);
        var strategy = Strategies.For(t);
        strategy.PrepareForUpdate(desired, existing, ctx);
        MetaValidation.ValidateMeta(desired, strategy.NameRule, errors);
        strategy.Validate(desired, ctx, errors);
        strategy.ValidateUpdate(desired, existing, ctx, errors);
        if (errors.Count > 0)
        {
            throw StatusBuilder.Invalid(t, name, errors);
        }

        if (t.TracksGeneration && !SameIgnoring(desired, existing, t.HasStatus ? ["metadata", "status"] : ["metadata"]))
        {
            dMeta["generation"] = (Jn.Long(existing, "metadata", "generation") ?? 0) + 1;
        }
        if (operation == ManagedOperation.Update)
        {
            ManagedFields.RecordUpdate(desired, existing, o.Manager, t.ApiVersion(version), Now, subresource, FieldSchema.For(t, version));
        }

        // An update that changes nothing (managedFields timestamps aside) is a no-op: no new resourceVersion, no event.
        if (SameIgnoringManagedFields(desired, existing))
        {
            return null;
        }
        return desired;
    }

    private static bool SameIgnoring(JsonObject a, JsonObject b, string[] topLevel)
    {
        var x = Jn.Clone(a);
        var y = Jn.Clone(b);
        foreach (var k in topLevel)
        {
            x.Remove(k);
            y.Remove(k);
        }
        return Jn.DeepEquals(x, y);
    }

    private static bool SameIgnoringManagedFields(JsonObject a, JsonObject b)
    {
        var x = Jn.Clone(a);
        var y = Jn.Clone(b);
        var mx = ManagedFields.WithoutTimes(Jn.Meta(x)["managedFields"] as JsonArray);
        var my = ManagedFields.WithoutTimes(Jn.Meta(y)["managedFields"] as JsonArray);
        Jn.Meta(x).Remove("managedFields");
        Jn.Meta(y).Remove("managedFields");
        return Jn.DeepEquals(x, y) && Jn.DeepEquals(mx, my);
    }
}
