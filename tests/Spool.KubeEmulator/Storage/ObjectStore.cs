using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Storage;

/// <summary>
/// The emulator's "etcd": tables of JSON objects keyed by namespace/name, one global monotonically
/// increasing revision, and a bounded history of changes that watches replay from. One lock
/// serializes every write, which makes read-check-write sequences (preconditions, conflicts) atomic.
/// </summary>
public sealed partial class ObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _tables = new(StringComparer.Ordinal);
    private readonly LinkedList<StoreEvent> _history = new();
    private readonly List<Action<StoreEvent>> _subscribers = [];
    private readonly int _historyCapacity;
    private long _rv;
    private long _historyStartRv;

    public ObjectStore(int historyCapacity)
    {
        _historyCapacity = historyCapacity;
    }

    public long CurrentRv
    {
        get
        {
            lock (_gate)
            {
                return _rv;
            }
        }
    }

    /// <summary>The oldest revision a watch may start from; older ones answer 410 Gone.</summary>
    public long OldestWatchableRv
    {
        get
        {
            lock (_gate)
            {
                return _historyStartRv;
            }
        }
    }

    public static string Key(string? ns, string name) => $"{ns ?? ""}/{name}";

    /// <summary>Runs <paramref name="work"/> under the store lock: a transaction that sees and writes the latest state.</summary>
    public T Transact<T>(Func<StoreTransaction, T> work)
    {
        lock (_gate)
        {
            return work(new StoreTransaction(this));
        }
    }

    public JsonObject? Get(string table, string? ns, string name)
    {
        lock (_gate)
        {
            return GetLocked(table, ns, name) is { } o ? Jn.Clone(o) : null;
        }
    }

    /// <summary>Current objects of a table (optionally one namespace) in key order, with the revision they reflect.</summary>
    public (List<JsonObject> Items, long Rv) List(string table, string? ns)
    {
        lock (_gate)
        {
            return (ListLocked(table, ns).Select(Jn.Clone).ToList(), _rv);
        }
    }

    /// <summary>Every table's objects (garbage collector and namespace controller scan across kinds).</summary>
    public List<(string Table, JsonObject Object)> ListAllTables()
    {
        lock (_gate)
        {
            return _tables.SelectMany(t => t.Value.Values.Select(o => (t.Key, Jn.Clone(o)))).ToList();
        }
    }

    /// <summary>Subscribes to every committed change; the handler runs under the lock and must not block.</summary>
    public IDisposable Subscribe(Action<StoreEvent> handler)
    {
        lock (_gate)
        {
            _subscribers.Add(handler);
        }
        return new Subscription(this, handler);
    }

    /// <summary>Drops the whole change history: watches from any earlier revision now get 410 Gone.</summary>
    public void Compact()
    {
        lock (_gate)
        {
            _history.Clear();
            _historyStartRv = _rv;
        }
    }

    internal JsonObject? GetLocked(string table, string? ns, string name) =>
        _tables.TryGetValue(table, out var t) && t.TryGetValue(Key(ns, name), out var o) ? o : null;

    internal IEnumerable<JsonObject> ListLocked(string table, string? ns)
    {
        if (!_tables.TryGetValue(table, out var t))
        {
            return [];
        }
        if (ns is null)
        {
            return t.Values;
        }
        var prefix = ns + "/";
        return t.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => kv.Value);
    }

    internal JsonObject PutLocked(string table, JsonObject obj)
    {
        var ns = Jn.Namespace(obj);
        var name = Jn.Name(obj);
        if (!_tables.TryGetValue(table, out var t))
        {
            t = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
            _tables[table] = t;
        }
        var key = Key(ns, name);
        t.TryGetValue(key, out var previous);
        var stored = Jn.Clone(obj);
        var rv = ++_rv;
        Jn.Meta(stored)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        t[key] = stored;
        Record(new StoreEvent(previous is null ? StoreEventType.Added : StoreEventType.Modified, rv, table, ns, name, stored, previous));
        return Jn.Clone(stored);
    }

    internal JsonObject? RemoveLocked(string table, string? ns, string name, JsonObject? finalState)
    {
        if (!_tables.TryGetValue(table, out var t) || !t.Remove(Key(ns, name), out var previous))
        {
            return null;
        }
        var final = Jn.Clone(finalState ?? previous);
        var rv = ++_rv;
        Jn.Meta(final)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        Record(new StoreEvent(StoreEventType.Deleted, rv, table, ns, name, final, previous));
        return Jn.Clone(final);
    }

    private void Record(StoreEvent e)
    {
        _history.AddLast(e);
        while (_history.Count > _historyCapacity)
        {
            _historyStartRv = _history.First!.Value.Rv;
            _history.RemoveFirst();
        }
        foreach (var s in _subscribers)
        {
            s(e);
        }
    }

    private void Unsubscribe(Action<StoreEvent> handler)
    {
        lock (_gate)
        {
            _subscribers.Remove(handler);
        }
    }

    private sealed class Subscription(ObjectStore store, Action<StoreEvent> handler) : IDisposable
    {
        public void Dispose() => store.Unsubscribe(handler);
    }
}
