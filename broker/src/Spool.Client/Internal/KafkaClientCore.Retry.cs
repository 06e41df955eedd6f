using Microsoft.Extensions.Logging;

namespace Spool.Client.Internal;

/// <summary>Retrying operations that fail with retriable errors, within an overall timeout.</summary>
internal sealed partial class KafkaClientCore
{
    /// <summary>
    /// Runs <paramref name="operation"/> until it succeeds, fails with a non-retriable error, or
    /// <paramref name="timeout"/> has passed; waits the retry backoff between attempts and marks metadata stale
    /// after errors that mean leaders or the controller moved. The last error is rethrown on time-out.
    /// </summary>
    public async Task<T> RetryAsync<T>(string what, TimeSpan timeout, Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (KafkaException e) when (e.IsRetriable)
            {
                if (KafkaErrors.InvalidatesMetadata(e.Error))
                {
                    Metadata.RequestUpdate();
                }

                var wait = RetryBackoff.Delay(attempt);
                if (Environment.TickCount64 + (long)wait.TotalMilliseconds >= deadline)
                {
                    Logger.LogDebug("{What} gave up after {Attempts} attempts: {Error}", what, attempt + 1, e.Message);
                    throw;
                }

                Logger.LogDebug("{What} failed ({Error}); retrying in {Wait}", what, e.Message, wait);
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    public Task RetryAsync(string what, TimeSpan timeout, Func<CancellationToken, Task> operation, CancellationToken cancellationToken) =>
        RetryAsync<bool>(what, timeout, async ct =>
        {
            await operation(ct);
            return true;
        }, cancellationToken);
}
