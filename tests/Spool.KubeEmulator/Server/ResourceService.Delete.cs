using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Server;

public sealed partial class ResourceService
{
    public const string OrphanFinalizer = "orphan";
    public const string ForegroundFinalizer = "foregroundDeletion";

    /// <summary>
    /// Delete with the generic registry's rules: preconditions, propagation finalizers (orphan,
    /// foregroundDeletion), graceful deletion (pods), and objects held by finalizers getting a
    /// deletionTimestamp instead of disappearing.
    /// </summary>
    public DeleteOutcome Delete(ResourceType t, string version, string? ns, string name, DeleteOptions d, WriteOptions o)
    {
        var strategy = Strategies.For(t);
        var removed = false;
        var result = Store.Transact(tx =>
        {
            var existing = tx.Get(t.StorageTable, ns, name) ?? throw StatusBuilder.NotFound(t, name);
            var meta = Jn.Meta(existing);
            if (d.PreconditionUid is { } uid && uid != Jn.Uid(existing))
            {
                throw StatusBuilder.Conflict(t, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {Jn.Uid(existing)}");
            }
            if (d.PreconditionResourceVersion is { } prv && prv != Jn.ResourceVersion(existing))
            {
                throw StatusBuilder.Conflict(t, name, $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {Jn.ResourceVersion(existing)}");
            }
            var policy = d.PropagationPolicy ?? (d.OrphanDependents switch { true => "Orphan", false => "Foreground", _ => null });
            if (policy is not (null or "Background" or "Foreground" or "Orphan"))
            {
                throw StatusBuilder.Invalid("", "DeleteOptions", "", [Schema.FieldError.NotSupported("propagationPolicy", JsonValue.Create(policy), ["Foreground", "Background", "Orphan"])]);
            }

            var obj = Jn.Clone(existing);
            var finalizers = Jn.Strings(meta["finalizers"]);
            var updated = new List<string>(finalizers);
            switch (policy)
            {
                case "Orphan":
                    updated.Remove(ForegroundFinalizer);
                    if (!updated.Contains(OrphanFinalizer))
                    {
                        updated.Add(OrphanFinalizer);
                    }
                    break;
                case "Foreground":
                    updated.Remove(OrphanFinalizer);
                    if (!updated.Contains(ForegroundFinalizer))
                    {
                        updated.Add(ForegroundFinalizer);
                    }
                    break;
                case "Background":
                    updated.Remove(OrphanFinalizer);
                    updated.Remove(ForegroundFinalizer);
                    break;
            }
            var wasDeleting = Jn.IsDeleting(existing);
            if (!wasDeleting)
            {
                strategy.BeforeDelete(obj);
                updated = Jn.Strings(Jn.Get(obj, "metadata", "finalizers")).Union(updated).Distinct().ToList();
            }
            var objMeta = Jn.Meta(obj);
            if (updated.Count > 0)
            {
                objMeta["finalizers"] = Jn.StringArray(updated);
            }
            else
            {
                objMeta.Remove("finalizers");
            }

            var grace = strategy.GracefulDeletionSeconds(obj, d);
            var now = Now;
            if (grace is > 0 || updated.Count > 0 || strategy.HasPendingFinalization(obj) || (wasDeleting && grace is null))
            {
                var currentGrace = Jn.Long(objMeta, "deletionGracePeriodSeconds");
                var newGrace = grace ?? 0;
                if (!wasDeleting)
                {
                    objMeta["deletionTimestamp"] = Jn.Timestamp(now.AddSeconds(newGrace));
                    objMeta["deletionGracePeriodSeconds"] = newGrace;
                    if (t.TracksGeneration)
                    {
                        objMeta["generation"] = (Jn.Long(objMeta, "generation") ?? 0) + 1;
                    }
                }
                else if (grace is not null && (currentGrace is null || newGrace < currentGrace))
                {
                    // A second delete may only shorten the grace period.
                    objMeta["deletionTimestamp"] = Jn.Timestamp(now.AddSeconds(newGrace));
                    objMeta["deletionGracePeriodSeconds"] = newGrace;
                }
                var stillHeld = updated.Count > 0 || strategy.HasPendingFinalization(obj) || (Jn.Long(objMeta, "deletionGracePeriodSeconds") ?? 0) > 0;
                if (stillHeld)
                {
                    if (o.DryRun || Jn.DeepEquals(obj, existing))
                    {
                        return obj;
                    }
                    return tx.Put(t.StorageTable, obj);
                }
            }
            if (o.DryRun)
            {
                return obj;
            }
            removed = true;
            return tx.Remove(t.StorageTable, ns, name, obj)!;
        });
        if (!o.DryRun)
        {
            strategy.AfterWrite(result, removed, this);
        }
        if (removed && !strategy.ReturnDeletedObject)
        {
            return new DeleteOutcome(StatusBuilder.Success(name, t.Group, t.Plural, Jn.Uid(result)), true);
        }
        return new DeleteOutcome(ToServed(t, version, result), removed);
    }

    public JsonObject DeleteCollection(ResourceType t, string version, string? ns, ListOptions listOptions, DeleteOptions d, WriteOptions o)
    {
        var list = List(t, version, ns, new ListOptions { Labels = listOptions.Labels, FieldSelectorText = listOptions.FieldSelectorText });
        var items = new JsonArray();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            try
            {
                Delete(t, version, Jn.Namespace(item), Jn.Name(item), d, o);
                items.Add(item.DeepClone());
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: deletecollection ignores it.
            }
        }
        return new JsonObject
        {
            ["kind"] = t.ListKind,
            ["apiVersion"] = t.ApiVersion(version),
            ["metadata"] = new JsonObject { ["resourceVersion"] = Store.CurrentRv.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        };
    }
}
