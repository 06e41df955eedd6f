namespace Spool.E2E.Tests.Harness;

/// <summary>Polling for state that settles asynchronously; a failure says what was awaited.</summary>
public static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(60);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Func<string>? context = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Default);
        Exception? last = null;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }

                last = null;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                last = ex;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.{(last is null ? "" : $" Last error: {last.Message}")}\n{context?.Invoke()}");
            }

            await Task.Delay(250);
        }
    }

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, Func<string>? context = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, timeout, context);
}
