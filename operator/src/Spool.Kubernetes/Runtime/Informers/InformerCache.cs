using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// The informer's thread-safe local copy of the watched objects, indexed by namespace/name, by namespace and by
/// any added index (labels, owner uid). Returned objects are shared: clone before changing them.
/// </summary>
public sealed class InformerCache<T>
    where T : class, IKubernetesObject
{
    public const string NamespaceIndex = "namespace";

    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, T> _items = [];
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = [];
    private readonly Dictionary<string, Dictionary<string, HashSet<ObjectKey>>> _indices = [];

    public InformerCache()
    {
        AddIndex(NamespaceIndex, o => [o.Metadata.Namespace ?? ""]);
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds an index; existing items are indexed at once.</summary>
    public void AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        lock (_lock)
        {
            _indexers[name] = indexer;
            var index = _indices[name] = [];
            foreach (var (key, item) in _items)
            {
                foreach (var value in indexer(item))
                {
                    AddToIndex(index, value, key);
                }
            }
        }
    }

    /// <summary>Indexes by the value of one label; query with <see cref="ByLabel"/>.</summary>
    public void AddLabelIndex(string labelKey) =>
        AddIndex(LabelIndexName(labelKey), o => o.Metadata.Labels?.TryGetValue(labelKey, out var v) == true ? [v] : []);

    public T? Get(ObjectKey key)
    {
        lock (_lock)
        {
            return _items.GetValueOrDefault(key);
        }
    }

    public T? Get(string? ns, string name) => Get(new ObjectKey(string.IsNullOrEmpty(ns) ? null : ns, name));

    public IReadOnlyList<T> List()
    {
        lock (_lock)
        {
            return [.. _items.Values];
        }
    }

    public IReadOnlyList<T> List(string ns) => ByIndex(NamespaceIndex, ns);

    public IReadOnlyList<ObjectKey> Keys()
    {
        lock (_lock)
        {
            return [.. _items.Keys];
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_lock)
        {
            if (!_indices.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"No index named {indexName}.", nameof(indexName));
            }

            return index.TryGetValue(value, out var keys) ? [.. keys.Select(k => _items[k])] : [];
        }
    }

    public IReadOnlyList<T> ByLabel(string labelKey, string labelValue) => ByIndex(LabelIndexName(labelKey), labelValue);

    /// <summary>Stores the object and returns the one it replaced.</summary>
    internal T? Upsert(T value)
    {
        var key = ObjectKey.Of(value);
        lock (_lock)
        {
            var old = _items.GetValueOrDefault(key);
            if (old is not null)
            {
                Unindex(key, old);
            }

            _items[key] = value;
            foreach (var (name, indexer) in _indexers)
            {
                foreach (var v in indexer(value))
                {
                    AddToIndex(_indices[name], v, key);
                }
            }

            return old;
        }
    }

    internal T? Remove(ObjectKey key)
    {
        lock (_lock)
        {
            if (!_items.Remove(key, out var old))
            {
                return null;
            }

            Unindex(key, old);
            return old;
        }
    }

    private static string LabelIndexName(string labelKey) => "label:" + labelKey;

    private static void AddToIndex(Dictionary<string, HashSet<ObjectKey>> index, string value, ObjectKey key)
    {
        if (!index.TryGetValue(value, out var keys))
        {
            index[value] = keys = [];
        }

        keys.Add(key);
    }

    private void Unindex(ObjectKey key, T old)
    {
        foreach (var (name, indexer) in _indexers)
        {
            var index = _indices[name];
            foreach (var v in indexer(old))
            {
                if (index.TryGetValue(v, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    index.Remove(v);
                }
            }
        }
    }
}
