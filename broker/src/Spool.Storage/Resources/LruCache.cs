namespace Spool.Storage;

/// <summary>A small thread-safe LRU map; evicted values go to a callback (called under the cache's lock).</summary>
internal sealed class LruCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>> _map;
    private readonly LinkedList<KeyValuePair<TKey, TValue>> _order = new();
    private readonly Action<TKey, TValue> _onEvict;
    private readonly Lock _lock = new();

    public LruCache(int capacity, Action<TKey, TValue> onEvict, IEqualityComparer<TKey>? comparer = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
        _onEvict = onEvict;
        _map = new Dictionary<TKey, LinkedListNode<KeyValuePair<TKey, TValue>>>(comparer);
    }

    public int Capacity { get; }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _map.Count;
            }
        }
    }

    /// <summary>Looks up a value, marks it most recently used and runs <paramref name="use"/> on it under the lock.</summary>
    public bool TryGet(TKey key, out TValue value, Action<TValue>? use = null)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                value = node.Value.Value;
                use?.Invoke(value);
                return true;
            }
        }

        value = default!;
        return false;
    }

    /// <summary>
    /// Adds <paramref name="value"/> unless another thread added one first; returns the value now cached, after
    /// running <paramref name="use"/> on it under the lock. A losing <paramref name="value"/> is evicted at once.
    /// </summary>
    public TValue AddOrGetExisting(TKey key, TValue value, Action<TValue>? use = null)
    {
        lock (_lock)
        {
            if (_map.TryGetValue(key, out var existing))
            {
                _order.Remove(existing);
                _order.AddFirst(existing);
                _onEvict(key, value);
                use?.Invoke(existing.Value.Value);
                return existing.Value.Value;
            }

            var node = _order.AddFirst(new KeyValuePair<TKey, TValue>(key, value));
            _map[key] = node;
            use?.Invoke(value);
            while (_map.Count > Capacity)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _map.Remove(last.Value.Key);
                _onEvict(last.Value.Key, last.Value.Value);
            }

            return value;
        }
    }

    public bool Remove(TKey key)
    {
        lock (_lock)
        {
            if (!_map.Remove(key, out var node))
            {
                return false;
            }

            _order.Remove(node);
            _onEvict(key, node.Value.Value);
            return true;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            foreach (var entry in _order)
            {
                _onEvict(entry.Key, entry.Value);
            }

            _order.Clear();
            _map.Clear();
        }
    }
}
