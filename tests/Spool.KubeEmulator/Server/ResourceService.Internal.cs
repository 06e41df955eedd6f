using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Patching;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Server;

/// <summary>Conveniences for the emulator's own controllers; they still go through the full write pipeline.</summary>
public sealed partial class ResourceService
{
    public ResourceType Type(string group, string plural) =>
        Registry.FindByGroupResource(group, plural) ?? throw new InvalidOperationException($"resource {plural}.{group} is not registered");

    /// <summary>Atomically edits the latest stored object; returns the result, or null if the object is gone.</summary>
    public JsonObject? Mutate(ResourceType t, string? ns, string name, Action<JsonObject> edit, string manager, string? subresource = null)
    {
        try
        {
            return CommitUpdate(t, t.StorageVersion, ns, name, existing =>
            {
                edit(existing);
                return existing;
            }, subresource, WriteOptions.Internal(manager), ManagedOperation.Update);
        }
        catch (ApiException e) when (e.Code == 404)
        {
            return null;
        }
    }

    public JsonObject? CreateInternal(ResourceType t, string? ns, JsonObject obj, string manager)
    {
        try
        {
            return CreateCore(t, t.StorageVersion, ns, ToStorage(t, obj), WriteOptions.Internal(manager), null);
        }
        catch (ApiException e) when (e.Code is 409 or 404 or 403)
        {
            return null;
        }
    }

    public bool DeleteInternal(ResourceType t, string? ns, string name, string? propagation = null, string? uid = null, long? grace = null)
    {
        try
        {
            Delete(t, t.StorageVersion, ns, name,
                new DeleteOptions { PropagationPolicy = propagation, PreconditionUid = uid, GracePeriodSeconds = grace },
                WriteOptions.Internal("emulator"));
            return true;
        }
        catch (ApiException e) when (e.Code is 404 or 409)
        {
            return false;
        }
    }

    public List<JsonObject> ListStored(ResourceType t, string? ns = null) => Store.List(t.StorageTable, ns).Items;

    public static bool HasFinalizer(JsonObject obj, string finalizer) =>
        Jn.Strings(Jn.Get(obj, "metadata", "finalizers")).Contains(finalizer, StringComparer.Ordinal);

    public static void RemoveFinalizer(JsonObject obj, string finalizer)
    {
        var meta = Jn.Meta(obj);
        var list = Jn.Strings(meta["finalizers"]).Where(f => f != finalizer).ToList();
        if (list.Count == 0)
        {
            meta.Remove("finalizers");
        }
        else
        {
            meta["finalizers"] = Jn.StringArray(list);
        }
    }
}
