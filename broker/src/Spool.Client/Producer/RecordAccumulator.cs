using System.Collections.Concurrent;
using Spool.Client.Metadata;

namespace Spool.Client.Producer;

/// <summary>
/// Per-partition queues of batches. Records are appended to the newest batch of their partition; a batch is
/// sendable when full, when a second batch queued behind it, when linger.ms passed, or while a flush or close
/// is in progress. Draining takes the first batch of each partition led by a node, up to max.request.size.
/// </summary>
internal sealed class RecordAccumulator
{
    private readonly ConcurrentDictionary<TopicPartition, PartitionQueue> _queues = new();
    private readonly ConcurrentDictionary<ProducerBatch, byte> _incomplete = new();
    private readonly ProducerOptions _options;
    private readonly bool _keepOrder;
    private int _flushes;
    private int _drainStart;

    public RecordAccumulator(ProducerOptions options)
    {
        _options = options;

        // With one request in flight per broker, or with idempotence (sequence numbers must arrive in order), a
        // partition sends its next batch only after the previous one completed, so a retry cannot overtake.
        _keepOrder = options.EnableIdempotence || options.MaxInFlightRequestsPerConnection == 1;
    }

    public bool IsEmpty => _incomplete.IsEmpty;

    public Task<RecordMetadata> Append(
        TopicPartition partition, long timestamp, ProducerRecord record, int recordSize, long now, TaskCompletionSource<RecordMetadata>? completion, out bool wakeSender)
    {
        var queue = _queues.GetOrAdd(partition, _ => new PartitionQueue());
        lock (queue)
        {
            if (queue.Batches.Last?.Value is { IsClosed: false } last
                && last.TryAppend(timestamp, record.Key, record.Value, record.Headers, recordSize, _options.BatchSize, completion, out var appended))
            {
                wakeSender = last.EstimatedSize >= _options.BatchSize;
                return appended;
            }

            var batch = new ProducerBatch(partition, _options.CompressionType, now);
            batch.TryAppend(timestamp, record.Key, record.Value, record.Headers, recordSize, int.MaxValue, completion, out var first);
            queue.Batches.AddLast(batch);
            _incomplete[batch] = 0;

            // A new batch needs a linger timer; and the batch before it, if any, is now sendable.
            wakeSender = true;
            return first!;
        }
    }

    public ReadyResult Ready(ClusterMetadata metadata, long now, bool urgent)
    {
        var nodes = new HashSet<int>();
        var next = long.MaxValue;
        var unknownLeader = false;
        var lingerMs = (long)_options.Linger.TotalMilliseconds;
        urgent |= Volatile.Read(ref _flushes) > 0;
        foreach (var (partition, queue) in _queues)
        {
            lock (queue)
            {
                if (queue.Muted || queue.Batches.First?.Value is not { } batch)
                {
                    continue;
                }

                var leader = metadata.LeaderOf(partition);
                if (leader < 0)
                {
                    unknownLeader = true;
                    continue;
                }

                if (batch.Attempts > 0 && batch.RetryAt > now)
                {
                    next = Math.Min(next, batch.RetryAt - now);
                    continue;
                }

                var full = batch.IsClosed || queue.Batches.Count > 1 || batch.EstimatedSize >= _options.BatchSize;
                var readyAt = batch.CreatedAt + lingerMs;
                if (full || urgent || readyAt <= now)
                {
                    nodes.Add(leader);
                }
                else
                {
                    next = Math.Min(next, readyAt - now);
                }
            }
        }

        return new ReadyResult(nodes, next == long.MaxValue ? Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(next), unknownLeader);
    }

    /// <summary>Takes the first batch of each partition led by <paramref name="node"/>, closing it (and stamping idempotence fields).</summary>
    public List<ProducerBatch> Drain(int node, ClusterMetadata metadata, long now, ProducerIdentity? identity)
    {
        var candidates = _queues.Where(q => metadata.LeaderOf(q.Key) == node).ToList();
        var drained = new List<ProducerBatch>();
        if (candidates.Count == 0)
        {
            return drained;
        }

        // Start at a different partition each time so that a full request does not always favour the same ones.
        var start = (int)((uint)Interlocked.Increment(ref _drainStart) % (uint)candidates.Count);
        var size = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var queue = candidates[(start + i) % candidates.Count].Value;
            lock (queue)
            {
                if (queue.Muted || queue.Batches.First?.Value is not { } batch || (batch.Attempts > 0 && batch.RetryAt > now))
                {
                    continue;
                }

                if (drained.Count > 0 && size + batch.EstimatedSize > _options.MaxRequestSize)
                {
                    break;
                }

                queue.Batches.RemoveFirst();
                batch.Close();
                if (identity is not null && (batch.ProducerId != identity.ProducerId || batch.ProducerEpoch != identity.Epoch))
                {
                    batch.SetProducerState(identity.ProducerId, identity.Epoch, queue.NextSequence);
                    queue.NextSequence = (int)((queue.NextSequence + (long)batch.RecordCount) % ((long)int.MaxValue + 1));
                }

                queue.Muted = _keepOrder;
                size += batch.Encoded!.Length;
                drained.Add(batch);
            }
        }

        return drained;
    }

    /// <summary>Puts a batch to retry back at the front of its partition's queue.</summary>
    public void Reenqueue(ProducerBatch batch)
    {
        var queue = _queues.GetOrAdd(batch.Partition, _ => new PartitionQueue());
        lock (queue)
        {
            queue.Batches.AddFirst(batch);
        }
    }

    public void Unmute(TopicPartition partition)
    {
        if (_queues.TryGetValue(partition, out var queue))
        {
            lock (queue)
            {
                queue.Muted = false;
            }
        }
    }

    /// <summary>Marks a batch's outcome as known.</summary>
    public void Completed(ProducerBatch batch) => _incomplete.TryRemove(batch, out _);

    /// <summary>After a new producer id or epoch every partition's sequence restarts at zero.</summary>
    public void ResetSequences()
    {
        foreach (var queue in _queues.Values)
        {
            lock (queue)
            {
                queue.NextSequence = 0;
            }
        }
    }

    /// <summary>Removes queued batches (not those in flight) created before <paramref name="createdBefore"/>, or all of them.</summary>
    public List<ProducerBatch> RemoveQueued(long createdBefore)
    {
        var removed = new List<ProducerBatch>();
        foreach (var queue in _queues.Values)
        {
            lock (queue)
            {
                for (var node = queue.Batches.First; node is not null;)
                {
                    var nextNode = node.Next;
                    if (node.Value.CreatedAt < createdBefore)
                    {
                        queue.Batches.Remove(node);
                        removed.Add(node.Value);
                    }

                    node = nextNode;
                }
            }
        }

        return removed;
    }

    /// <summary>The completion of every batch not yet completed (what a flush waits for).</summary>
    public Task[] Pending() => [.. _incomplete.Keys.Select(b => b.Done.Task)];

    public void BeginFlush() => Interlocked.Increment(ref _flushes);

    public void EndFlush() => Interlocked.Decrement(ref _flushes);
}
