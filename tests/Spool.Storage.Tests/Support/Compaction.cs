namespace Spool.Storage.Tests;

/// <summary>Runs the cleaner on one log directly, as a cleaner thread would when the log is the filthiest.</summary>
internal static class Compaction
{
    /// <summary>A compacted topic's config that cleans at any dirty ratio, with <paramref name="overrides"/> on top.</summary>
    public static LogConfig Config(params (string Name, string Value)[] overrides)
    {
        var values = new Dictionary<string, string?> { ["cleanup.policy"] = "compact", ["min.cleanable.dirty.ratio"] = "0" };
        foreach (var (name, value) in overrides)
        {
            values[name] = value;
        }

        return LogConfig.Create(values);
    }

    /// <summary>Cleans <paramref name="log"/> if it is eligible now; null when it is not.</summary>
    public static CleanerStats? Clean(PartitionLog log, TimeProvider? time = null)
    {
        log.MaybeIncrementHighWatermark(log.LogEndOffset);
        var now = (time ?? TimeProvider.System).GetUtcNow().ToUnixTimeMilliseconds();
        var candidate = CleaningCandidate.Evaluate(log, log.Config, now);
        return candidate.IsEligible(log.Config) ? LogCompactor.Clean(candidate, new CleanerOptions(), now, CancellationToken.None) : null;
    }

    /// <summary>Appends one single-record batch per (key, value) and returns the offsets given.</summary>
    public static List<long> Put(PartitionLog log, IEnumerable<(string Key, string? Value)> records, long timestamp = 1_000)
    {
        var offsets = new List<long>();
        foreach (var (key, value) in records)
        {
            var result = log.AppendAsLeader(KeyedBatch.One(key, value, timestamp), 0);
            result.IsSuccess.Should().BeTrue(result.ErrorMessage);
            offsets.Add(result.FirstOffset);
        }

        log.MaybeIncrementHighWatermark(log.LogEndOffset);
        return offsets;
    }
}
