namespace Spool.Broker.Groups;

/// <summary>
/// Offset expiration (every offsets.retention.check.interval.ms, Kafka's cleanupGroupMetadata task) and the
/// removal of offsets of deleted topics.
/// </summary>
public sealed partial class GroupCoordinator
{
    /// <summary>Expires offsets older than offsets.retention.minutes (see <see cref="ClassicGroup.RemoveExpiredOffsets"/>).</summary>
    public int ExpireOffsets()
    {
        if (!_active)
        {
            return 0;
        }

        var now = NowMs;
        var removed = 0;
        try
        {
            foreach (var group in _groups.Values.ToList())
            {
                removed += CleanupGroupMetadata(group, g => g.RemoveExpiredOffsets(now, _config.OffsetsRetentionMs));
            }
        }
        catch (Exception e)
        {
            _logger.LogError(e, "Offset expiration failed");
        }

        if (removed > 0)
        {
            _logger.LogInformation("Removed {Count} expired offsets", removed);
        }

        return removed;
    }

    private void RemoveOffsetsOfDeletedTopics(IReadOnlySet<string> topics)
    {
        var removed = 0;
        foreach (var group in _groups.Values.ToList())
        {
            removed += CleanupGroupMetadata(group, g => g.RemoveOffsets(g.Offsets.Keys.Where(tp => topics.Contains(tp.Topic)).ToList()));
        }

        if (removed > 0)
        {
            _logger.LogInformation("Removed {Count} offsets associated with deleted topics: {Topics}", removed, string.Join(", ", topics));
        }
    }
}
