using System.Collections.Concurrent;

namespace Spool.Observability.Prometheus;

/// <summary>
/// The series of one family: a lock-free lookup from a recording's tags to its accumulator, and a sorted view
/// for scrapes that is rebuilt only when series come or go.
/// </summary>
internal sealed class SeriesTable<TSeries>
    where TSeries : class
{
    private readonly ConcurrentDictionary<SeriesKey, TSeries> _series = new(SeriesKeyComparer.Instance);
    private readonly ConcurrentDictionary<SeriesKey, TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly Func<TSeries> _create;
    private int _version;
    private int _sortedVersion = -1;
    private KeyValuePair<SeriesKey, TSeries>[] _sorted = [];

    public SeriesTable(Func<TSeries> create)
    {
        _create = create;
        _lookup = _series.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public TSeries Get(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _lookup.TryGetValue(tags, out var series) ? series : Add(tags);

    public void Remove(SeriesKey key)
    {
        if (_series.TryRemove(key, out _))
        {
            Interlocked.Increment(ref _version);
        }
    }

    /// <summary>The series ordered by their labels. Callers serialize (the exporter's collect lock).</summary>
    public KeyValuePair<SeriesKey, TSeries>[] Sorted()
    {
        // Read the version first: a series added during the copy bumps it again, so the next scrape re-sorts.
        var version = Volatile.Read(ref _version);
        if (version != _sortedVersion)
        {
            var sorted = _series.ToArray();
            Array.Sort(sorted, static (a, b) => string.CompareOrdinal(a.Key.Text, b.Key.Text));
            _sorted = sorted;
            _sortedVersion = version;
        }

        return _sorted;
    }

    private TSeries Add(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var created = _create();
        var series = _series.GetOrAdd(new SeriesKey(tags), created);
        if (ReferenceEquals(series, created))
        {
            Interlocked.Increment(ref _version);
        }

        return series;
    }
}
