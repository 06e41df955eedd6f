namespace Spool.KubeEmulator.Auth;

/// <summary>Every request the API served, for tests to inspect (which verbs a client really uses, who got 403).</summary>
public sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestRecord> _records = [];

    public void Add(RequestRecord record)
    {
        lock (_gate)
        {
            _records.Add(record);
        }
    }

    public IReadOnlyList<RequestRecord> Snapshot()
    {
        lock (_gate)
        {
            return _records.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
        }
    }
}
