namespace Spool.Client.Internal;

/// <summary>
/// An auto-reset wake-up for a background loop: <see cref="Set"/> from any thread, one waiter consumes it.
/// Signals raised while nobody waits are kept, so a wake-up between checks is never lost.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _signalled;

    public void Set()
    {
        TaskCompletionSource? waiter;
        lock (_lock)
        {
            waiter = _waiter;
            _waiter = null;
            _signalled = waiter is null;
        }

        waiter?.TrySetResult();
    }

    /// <summary>Waits for a signal or the timeout; returns whether it was signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Task task;
        lock (_lock)
        {
            if (_signalled)
            {
                _signalled = false;
                return true;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            task = _waiter.Task;
        }

        if (timeout <= TimeSpan.Zero)
        {
            return task.IsCompleted;
        }

        try
        {
            await task.WaitAsync(timeout > TimeSpan.FromDays(1) ? TimeSpan.FromDays(1) : timeout, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return Abandon(task);
        }
        catch (OperationCanceledException)
        {
            Abandon(task);
            throw;
        }
    }

    // A waiter left behind would swallow the next Set; a Set that raced with the timeout still counts.
    private bool Abandon(Task task)
    {
        lock (_lock)
        {
            if (_waiter is not null && _waiter.Task == task)
            {
                _waiter = null;
            }
        }

        return task.IsCompleted;
    }
}
