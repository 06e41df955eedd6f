namespace Spool.Kubernetes.Client;

/// <summary>client-go's RetryOnConflict: a few quick attempts, each of which must re-read what it writes.</summary>
public static class KubernetesRetry
{
    /// <summary>Runs <paramref name="action"/> again while it fails with 409 Conflict (5 attempts, ~10 ms apart by default).</summary>
    public static async Task<T> OnConflictAsync<T>(
        Func<CancellationToken, Task<T>> action,
        int attempts = 5,
        TimeSpan? delay = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        var wait = delay ?? TimeSpan.FromMilliseconds(10);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(cancellationToken);
            }
            catch (KubernetesApiException ex) when (ex.IsConflict && attempt < attempts)
            {
                // Jitter so that competing writers do not collide again in lockstep.
                var jittered = wait * (1 + (Random.Shared.NextDouble() * 0.1));
                await Task.Delay(jittered, timeProvider ?? TimeProvider.System, cancellationToken);
            }
        }
    }

    public static Task OnConflictAsync(
        Func<CancellationToken, Task> action,
        int attempts = 5,
        TimeSpan? delay = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default) =>
        OnConflictAsync<bool>(
            async ct =>
            {
                await action(ct);
                return true;
            },
            attempts,
            delay,
            timeProvider,
            cancellationToken);
}
