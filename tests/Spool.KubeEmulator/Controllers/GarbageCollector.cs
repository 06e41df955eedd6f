using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Controllers;

/// <summary>
/// The garbage collector of kube-controller-manager: dependents whose owners are all gone are deleted
/// (propagating foreground deletion where an owner waits), references to missing owners are removed
/// from dependents that still have a live owner, owners with the orphan finalizer release their
/// dependents, and owners with foregroundDeletion wait for dependents with blockOwnerDeletion.
/// </summary>
public sealed class GarbageCollector(ResourceService service) : Controller(service)
{
    public override string Name => "garbage-collector";

    protected override void Reconcile(CancellationToken ct)
    {
        var all = Service.Store.ListAllTables();
        var byUid = new Dictionary<string, (string Table, JsonObject Obj)>(StringComparer.Ordinal);
        foreach (var (table, obj) in all)
        {
            byUid[Jn.Uid(obj)] = (table, obj);
        }
        var dependents = all.SelectMany(e => OwnerRefs(e.Object).Select(r => (OwnerUid: Jn.Str(r, "uid") ?? "", e.Table, e.Object, Ref: r)))
            .ToLookup(x => x.OwnerUid, StringComparer.Ordinal);

        foreach (var (table, owner) in all.Where(e => Jn.IsDeleting(e.Object)))
        {
            ct.ThrowIfCancellationRequested();
            var uid = Jn.Uid(owner);
            var type = TypeOf(table);
            if (type is null)
            {
                continue;
            }
            if (ResourceService.HasFinalizer(owner, ResourceService.OrphanFinalizer))
            {
                foreach (var d in dependents[uid])
                {
                    RemoveOwnerRefs(d.Table, d.Object, [uid]);
                }
                Service.Mutate(type, Jn.Namespace(owner), Jn.Name(owner), o => ResourceService.RemoveFinalizer(o, ResourceService.OrphanFinalizer), "generic-garbage-collector");
            }
            else if (ResourceService.HasFinalizer(owner, ResourceService.ForegroundFinalizer))
            {
                var blocking = dependents[uid].Count(d => Jn.Bool(d.Ref, "blockOwnerDeletion") == true);
                if (blocking == 0)
                {
                    Service.Mutate(type, Jn.Namespace(owner), Jn.Name(owner), o => ResourceService.RemoveFinalizer(o, ResourceService.ForegroundFinalizer), "generic-garbage-collector");
                }
            }
        }

        foreach (var (table, item) in all)
        {
            ct.ThrowIfCancellationRequested();
            var refs = OwnerRefs(item).ToList();
            if (refs.Count == 0 || (Jn.IsDeleting(item) && !ResourceService.HasFinalizer(item, ResourceService.ForegroundFinalizer)))
            {
                continue;
            }
            var solid = new List<string>();
            var dangling = new List<string>();
            var waiting = new List<string>();
            foreach (var r in refs)
            {
                var ownerUid = Jn.Str(r, "uid") ?? "";
                if (!byUid.TryGetValue(ownerUid, out var owner) || !Resolves(item, r, owner.Table, owner.Obj))
                {
                    dangling.Add(ownerUid);
                }
                else if (Jn.IsDeleting(owner.Obj) && ResourceService.HasFinalizer(owner.Obj, ResourceService.ForegroundFinalizer))
                {
                    waiting.Add(ownerUid);
                }
                else
                {
                    solid.Add(ownerUid);
                }
            }
            if (solid.Count > 0)
            {
                if (dangling.Count > 0 || waiting.Count > 0)
                {
                    RemoveOwnerRefs(table, item, [.. dangling, .. waiting]);
                }
                continue;
            }
            if (Jn.IsDeleting(item))
            {
                continue;
            }
            var type = TypeOf(table);
            if (type is null)
            {
                continue;
            }
            string policy;
            if (waiting.Count > 0 && dependents[Jn.Uid(item)].Any())
            {
                policy = "Foreground";
            }
            else if (ResourceService.HasFinalizer(item, ResourceService.OrphanFinalizer))
            {
                policy = "Orphan";
            }
            else
            {
                policy = ResourceService.HasFinalizer(item, ResourceService.ForegroundFinalizer) ? "Foreground" : "Background";
            }
            Service.DeleteInternal(type, Jn.Namespace(item), Jn.Name(item), policy, Jn.Uid(item));
        }
    }

    private static IEnumerable<JsonObject> OwnerRefs(JsonObject obj) =>
        (Jn.Get(obj, "metadata", "ownerReferences") as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>An owner reference resolves only to the same kind and name, in the dependent's namespace or cluster-scoped.</summary>
    private bool Resolves(JsonObject dependent, JsonObject ownerRef, string ownerTable, JsonObject owner)
    {
        if (Jn.Str(ownerRef, "kind") != Jn.Str(owner, "kind") || Jn.Str(ownerRef, "name") != Jn.Name(owner))
        {
            return false;
        }
        var ownerType = TypeOf(ownerTable);
        if (ownerType is null)
        {
            return false;
        }
        if (!ownerType.Namespaced)
        {
            return true;
        }
        return Jn.Namespace(dependent) is { } ns && ns == Jn.Namespace(owner);
    }

    private void RemoveOwnerRefs(string table, JsonObject item, IReadOnlyCollection<string> uids)
    {
        if (TypeOf(table) is not { } type)
        {
            return;
        }
        Service.Mutate(type, Jn.Namespace(item), Jn.Name(item), o =>
        {
            var meta = Jn.Meta(o);
            var kept = new JsonArray(OwnerRefs(o).Where(r => !uids.Contains(Jn.Str(r, "uid") ?? "")).Select(r => (JsonNode)r.DeepClone()).ToArray());
            if (kept.Count == 0)
            {
                meta.Remove("ownerReferences");
            }
            else
            {
                meta["ownerReferences"] = kept;
            }
        }, "generic-garbage-collector");
    }

    private ResourceType? TypeOf(string table) =>
        Service.Registry.All().FirstOrDefault(t => t.StorageTable == table && t.StorageTableOverride is null)
        ?? Service.Registry.All().FirstOrDefault(t => t.StorageTable == table);
}
