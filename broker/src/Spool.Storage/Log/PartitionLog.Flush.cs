namespace Spool.Storage;

public sealed partial class PartitionLog
{
    /// <summary>fsyncs everything appended so far and moves the recovery point to the log end offset.</summary>
    public void Flush()
    {
        long target;
        lock (_lock)
        {
            target = _logEndOffset;
            _unflushedMessages = 0;
            Volatile.Write(ref _lastFlushMs, NowMs());
        }

        FlushUpTo(target);
    }

    /// <summary>Flushes when <c>flush.ms</c> has passed since the last flush and something is unflushed (the flush scheduler calls it).</summary>
    public bool FlushIfDue()
    {
        var config = Config;
        if (config.FlushMs == long.MaxValue || (UnflushedMessages == 0 && RecoveryPoint >= LogEndOffset))
        {
            return false;
        }

        if (NowMs() - LastFlushMs < config.FlushMs)
        {
            return false;
        }

        Flush();
        return true;
    }

    /// <summary>fsyncs the segments that hold offsets in [recovery point, <paramref name="offset"/>), then advances the recovery point.</summary>
    internal void FlushUpTo(long offset)
    {
        List<LogSegment> toFlush;
        lock (_lock)
        {
            if (_closed || offset <= _recoveryPoint)
            {
                return;
            }

            var segments = _segments;
            toFlush = [];
            for (var i = 0; i < segments.Length; i++)
            {
                var end = i + 1 < segments.Length ? segments[i + 1].BaseOffset : long.MaxValue;
                if (segments[i].BaseOffset < offset && end > _recoveryPoint)
                {
                    toFlush.Add(segments[i]);
                }
            }
        }

        try
        {
            foreach (var segment in toFlush)
            {
                segment.Flush();
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or UnauthorizedAccessException)
        {
            // A segment deleted by retention meanwhile needs no flush; anything else leaves the recovery point behind.
            Warn($"Flush up to {offset} failed: {e.Message}");
            return;
        }

        lock (_lock)
        {
            if (offset > _recoveryPoint)
            {
                Volatile.Write(ref _recoveryPoint, Math.Min(offset, _logEndOffset));
            }
        }
    }

    /// <summary>Waits until the asynchronous flushes of rolled segments have finished.</summary>
    internal void WaitForBackgroundFlush()
    {
        Task pending;
        lock (_lock)
        {
            pending = _backgroundFlush;
        }

        pending.GetAwaiter().GetResult();
    }
}
