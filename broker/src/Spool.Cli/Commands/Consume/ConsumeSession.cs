using Spool.Cli.Infrastructure;
using Spool.Client;
using Spool.Client.Consumer;

namespace Spool.Cli.Commands.Consume;

/// <summary>
/// The poll loop: prints records until --max-messages, the idle timeout or Ctrl+C, and commits exactly what was
/// printed (never records fetched but cut off by --max-messages) when consuming for a group.
/// </summary>
internal sealed class ConsumeSession
{
    private static readonly TimeSpan PollSlice = TimeSpan.FromMilliseconds(500);

    private readonly KafkaConsumer _consumer;
    private readonly RecordPrinter _printer;
    private readonly Action<string> _emit;
    private readonly Func<Task> _flush;
    private readonly bool _commit;
    private readonly Dictionary<TopicPartition, OffsetAndMetadata> _uncommitted = [];

    public ConsumeSession(KafkaConsumer consumer, RecordPrinter printer, Action<string> emit, Func<Task> flush, bool commit)
    {
        _consumer = consumer;
        _printer = printer;
        _emit = emit;
        _flush = flush;
        _commit = commit;
    }

    public long Printed { get; private set; }

    /// <summary>Runs until done; returns whether --max-messages (when given) was reached.</summary>
    public async Task<bool> RunAsync(long? maxMessages, TimeSpan? idleTimeout, IProgressTracker progress, TimeSpan commitTimeout, CancellationToken cancellationToken)
    {
        var lastRecord = Environment.TickCount64;
        try
        {
            while (maxMessages is not { } max || Printed < max)
            {
                var records = await _consumer.PollAsync(PollSlice, cancellationToken);
                if (records.IsEmpty)
                {
                    if (idleTimeout is { } idle && Environment.TickCount64 - lastRecord >= idle.TotalMilliseconds)
                    {
                        break;
                    }

                    continue;
                }

                lastRecord = Environment.TickCount64;
                foreach (var record in records)
                {
                    if (maxMessages is { } limit && Printed >= limit)
                    {
                        break;
                    }

                    _emit(_printer.Format(record));
                    _uncommitted[record.TopicPartition] = new OffsetAndMetadata(record.Offset + 1, null, record.LeaderEpoch);
                    Printed++;
                    progress.Advance(1);
                }

                await _flush();
                await CommitAsync(commitTimeout, final: false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how an open-ended consume ends: what was printed is still committed below.
        }

        await _flush();
        await CommitAsync(commitTimeout, final: true);
        return maxMessages is not { } target || Printed >= target;
    }

    /// <summary>
    /// Commits the printed records. A commit during the loop may fail while the group rebalances; its offsets stay
    /// pending for the next one. The final commit must succeed, or the next consume would print records again.
    /// </summary>
    private async Task CommitAsync(TimeSpan timeout, bool final)
    {
        if (!_commit || _uncommitted.Count == 0)
        {
            return;
        }

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _consumer.CommitAsync(new Dictionary<TopicPartition, OffsetAndMetadata>(_uncommitted), deadline.Token);
            _uncommitted.Clear();
        }
        catch (KafkaException) when (!final)
        {
        }
    }
}
