namespace Spool.Kubernetes.Tests.Support;

/// <summary>Waits for a condition another thread makes true; the timeout only bounds a failing test.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string because = "", int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met: {because}");
            }

            await Task.Delay(5);
        }
    }
}
