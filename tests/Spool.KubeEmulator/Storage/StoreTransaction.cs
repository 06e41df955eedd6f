using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Storage;

/// <summary>Reads and writes inside <see cref="ObjectStore.Transact{T}"/>; returned objects are copies.</summary>
public sealed class StoreTransaction
{
    private readonly ObjectStore _store;

    internal StoreTransaction(ObjectStore store)
    {
        _store = store;
    }

    public JsonObject? Get(string table, string? ns, string name) =>
        _store.GetLocked(table, ns, name) is { } o ? Jn.Clone(o) : null;

    public List<JsonObject> List(string table, string? ns) => _store.ListLocked(table, ns).Select(Jn.Clone).ToList();

    /// <summary>Stores the object with a new resourceVersion (ADDED or MODIFIED) and returns the stored copy.</summary>
    public JsonObject Put(string table, JsonObject obj) => _store.PutLocked(table, obj);

    /// <summary>Removes the object (DELETED carrying <paramref name="finalState"/> if given) and returns that state, or null if absent.</summary>
    public JsonObject? Remove(string table, string? ns, string name, JsonObject? finalState = null) =>
        _store.RemoveLocked(table, ns, name, finalState);
}
