namespace Spool.Storage;

/// <summary>
/// LRU of loaded indexes of inactive segments, shared by all logs of a <see cref="LogManager"/>: indexes are read
/// from disk on first use and dropped when the cache is full (the active segment's index is held by the segment).
/// </summary>
internal sealed class IndexCache
{
    private readonly LruCache<LogSegment, SegmentIndexes> _cache;

    public IndexCache(int capacity) =>
        _cache = new LruCache<LogSegment, SegmentIndexes>(capacity, static (_, _) => { }, ReferenceEqualityComparer.Instance);

    public int Count => _cache.Count;

    public SegmentIndexes GetOrLoad(LogSegment segment, Func<LogSegment, SegmentIndexes> load)
    {
        if (_cache.TryGet(segment, out var cached))
        {
            return cached;
        }

        var loaded = _cache.AddOrGetExisting(segment, load(segment));
        if (segment.IsDeleted)
        {
            _cache.Remove(segment);
        }

        return loaded;
    }

    public void Put(LogSegment segment, SegmentIndexes indexes)
    {
        _cache.Remove(segment);
        _cache.AddOrGetExisting(segment, indexes);
    }

    public void Remove(LogSegment segment) => _cache.Remove(segment);

    public void Clear() => _cache.Clear();
}
