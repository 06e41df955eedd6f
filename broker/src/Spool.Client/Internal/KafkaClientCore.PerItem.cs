using Spool.Protocol;

namespace Spool.Client.Internal;

/// <summary>Batch operations whose items succeed or fail one by one (topics, partitions, groups).</summary>
internal sealed partial class KafkaClientCore
{
    /// <summary>
    /// Runs <paramref name="attempt"/> for the items still pending until every item has a final outcome or the
    /// timeout passes. Items that failed with a retriable error are retried (alone, so that items that already
    /// succeeded are not sent again); request-level retriable failures retry every pending item. Items without
    /// a final outcome at the deadline get the last retriable error.
    /// </summary>
    public async Task<Dictionary<TKey, ItemOutcome<TKey, TResult>>> PerItemAsync<TKey, TResult>(
        string what,
        IReadOnlyCollection<TKey> keys,
        TimeSpan timeout,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IEnumerable<ItemOutcome<TKey, TResult>>>> attempt,
        CancellationToken cancellationToken)
        where TKey : notnull
    {
        var done = new Dictionary<TKey, ItemOutcome<TKey, TResult>>();
        KafkaException? last = null;
        try
        {
            await RetryAsync(what, timeout, async ct =>
            {
                var pending = keys.Where(k => !done.ContainsKey(k)).Distinct().ToList();
                KafkaException? retriable = null;
                foreach (var outcome in await attempt(pending, ct))
                {
                    if (outcome.Error is { IsRetriable: true } error)
                    {
                        retriable ??= error;
                        continue;
                    }

                    done[outcome.Key] = outcome;
                }

                if (retriable is not null)
                {
                    last = retriable;
                    throw retriable;
                }

                if (keys.Any(k => !done.ContainsKey(k)))
                {
                    last = new KafkaException(ErrorCode.UnknownServerError, $"{what}: the response left out some items");
                    foreach (var key in keys.Where(k => !done.ContainsKey(k)))
                    {
                        done[key] = new ItemOutcome<TKey, TResult>(key, default, last);
                    }
                }
            }, cancellationToken);
        }
        catch (KafkaException e) when (e.IsRetriable)
        {
            last = e;
        }

        foreach (var key in keys.Where(k => !done.ContainsKey(k)))
        {
            done[key] = new ItemOutcome<TKey, TResult>(key, default, last);
        }

        return done;
    }
}
