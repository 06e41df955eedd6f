namespace Spool.Testing;

/// <summary>Polls a condition until it holds or a deadline passes (for state that settles asynchronously).</summary>
public static class Eventually
{
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return true;
            }

            if (DateTime.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan timeout, TimeSpan? interval = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, interval);
}
