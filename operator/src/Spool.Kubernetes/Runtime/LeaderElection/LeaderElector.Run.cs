using Microsoft.Extensions.Logging;

namespace Spool.Kubernetes.Runtime;

/// <summary>The acquire / lead / renew loop.</summary>
public sealed partial class LeaderElector
{
    /// <summary>Runs with the callbacks of <see cref="Options"/>.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        RunAsync(Options.OnStartedLeading ?? (ct => Task.Delay(Timeout.Infinite, ct)), cancellationToken);

    /// <summary>
    /// Waits to become leader, runs <paramref name="lead"/> while leading and renews the lease. Returns when
    /// <paramref name="cancellationToken"/> fires (after <paramref name="lead"/> finished and the lease was released)
    /// or when leadership was lost; <see cref="IsLeader"/> tells which.
    /// </summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken cancellationToken)
    {
        if (!await AcquireAsync(cancellationToken))
        {
            return;
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("{Candidate} became leader", _description);
        }

        using var leading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var leadTask = Task.Run(() => lead(leading.Token), CancellationToken.None);
        var renewTask = RenewLoopAsync(leading.Token);
        await Task.WhenAny(leadTask, renewTask);
        await leading.CancelAsync();
        await Quietly(renewTask);
        await Quietly(leadTask);

        // Everything done while leading has stopped before the lease is handed over, so two leaders never overlap.
        var release = Options.ReleaseOnCancel && cancellationToken.IsCancellationRequested && IsLeader;
        if (_logger.IsEnabled(LogLevel.Information))
        {
            _logger.LogInformation("{Candidate} stopped leading", _description);
        }

        try
        {
            Options.OnStoppedLeading?.Invoke();
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "{Candidate}: OnStoppedLeading failed", _description);
        }

        if (release)
        {
            using var timeout = new CancellationTokenSource(Options.RenewDeadline, _time);
            await ReleaseAsync(timeout.Token);
        }

        SetLeader(false);
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!await TryAcquireOrRenewAsync(cancellationToken))
            {
                // client-go's JitterUntil with factor 1.2: candidates spread their attempts.
                await Task.Delay(Options.RetryPeriod * (1 + (Random.Shared.NextDouble() * 1.2)), _time, cancellationToken);
            }

            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Renews every retry period; gives up when no attempt succeeded within the renew deadline.</summary>
    private async Task RenewLoopAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(Options.RetryPeriod, _time, cancellationToken);
            var deadline = _time.GetUtcNow() + Options.RenewDeadline;
            using var attempt = new CancellationTokenSource(Options.RenewDeadline, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt.Token);
            var renewed = false;
            try
            {
                while (!(renewed = await TryAcquireOrRenewAsync(linked.Token)) && _time.GetUtcNow() < deadline)
                {
                    await Task.Delay(Options.RetryPeriod, _time, linked.Token);
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                renewed = false;
            }

            if (!renewed)
            {
                _logger.LogWarning("{Candidate} failed to renew within the renew deadline", _description);
                SetLeader(false);
                return;
            }
        }
    }

    private async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            // A failing leader still steps down cleanly: release the lease and tell OnStoppedLeading.
            _logger.LogError(ex, "{Candidate}: the work done while leading failed", _description);
        }
    }
}
