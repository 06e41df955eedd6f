namespace Spool.Broker.Observability;

/// <summary>
/// One snapshot shared by the several observable instruments of a metric set during one scrape: the first callback
/// builds it, the others (called right after) reuse it. Half a second is far longer than a scrape and far shorter
/// than any sane scrape interval, so every scrape sees fresh values computed once.
/// </summary>
internal sealed class SnapshotCache<T>
    where T : class
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

    private readonly Func<T> _build;
    private readonly TimeProvider _time;
    private readonly object _lock = new();
    private T? _value;
    private long _builtAt;

    public SnapshotCache(Func<T> build, TimeProvider time)
    {
        _build = build;
        _time = time;
    }

    public T Get()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            if (_value is null || _time.GetElapsedTime(_builtAt, now) >= MaxAge)
            {
                _value = _build();
                _builtAt = now;
            }

            return _value;
        }
    }
}
