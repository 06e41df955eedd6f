using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Storage;

public sealed partial class ObjectStore
{
    /// <summary>
    /// Atomically returns the retained events of a table after <paramref name="fromRv"/> and subscribes
    /// <paramref name="handler"/> to later ones, so a watch neither misses nor duplicates an event.
    /// Returns null when history no longer reaches back to fromRv (the caller answers 410 Gone).
    /// </summary>
    public (List<StoreEvent> Replay, long OldestRv, IDisposable Subscription)? WatchFrom(long fromRv, string table, Action<StoreEvent> handler)
    {
        lock (_gate)
        {
            if (fromRv < _historyStartRv)
            {
                return null;
            }
            var replay = _history.Where(e => e.Rv > fromRv && e.Table == table).ToList();
            return (replay, _historyStartRv, Subscribe(handler));
        }
    }

    /// <summary>Snapshot of current objects plus a subscription for changes after it (watch without a revision).</summary>
    public (List<JsonObject> Items, long Rv, IDisposable Subscription) ListAndSubscribe(string table, string? ns, Action<StoreEvent> handler)
    {
        lock (_gate)
        {
            return (ListLocked(table, ns).Select(Jn.Clone).ToList(), _rv, Subscribe(handler));
        }
    }

    /// <summary>
    /// The table's state as of revision <paramref name="rv"/>, rebuilt by undoing newer events (continue
    /// tokens and resourceVersionMatch=Exact are consistent snapshots, as with etcd). Null when compacted.
    /// </summary>
    public List<JsonObject>? SnapshotAt(string table, string? ns, long rv)
    {
        lock (_gate)
        {
            if (rv >= _rv)
            {
                return ListLocked(table, ns).Select(Jn.Clone).ToList();
            }
            if (rv < _historyStartRv)
            {
                return null;
            }
            var state = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            foreach (var o in ListLocked(table, ns))
            {
                state[Key(Jn.Namespace(o), Jn.Name(o))] = o;
            }
            for (var node = _history.Last; node is not null && node.Value.Rv > rv; node = node.Previous)
            {
                var e = node.Value;
                if (e.Table != table || (ns is not null && e.Namespace != ns))
                {
                    continue;
                }
                var key = Key(e.Namespace, e.Name);
                if (e.Previous is null)
                {
                    state.Remove(key);
                }
                else
                {
                    state[key] = e.Previous;
                }
            }
            return state.Values.Select(Jn.Clone).ToList();
        }
    }
}
