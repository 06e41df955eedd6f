namespace Spool.Client.Admin;

/// <summary>Helpers over batch admin results.</summary>
public static class AdminResultExtensions
{
    /// <summary>Throws the first item's error, if any; returns the results otherwise (like Java's <c>all().get()</c>).</summary>
    public static IReadOnlyList<T> EnsureSuccess<T>(this IReadOnlyList<T> results)
        where T : IAdminResult
    {
        ArgumentNullException.ThrowIfNull(results);
        foreach (var result in results)
        {
            if (result.Error is { } error)
            {
                throw error;
            }
        }

        return results;
    }

    /// <summary>Awaits the operation, then throws the first item's error, if any.</summary>
    public static async Task<IReadOnlyList<T>> EnsureSuccessAsync<T>(this Task<IReadOnlyList<T>> operation)
        where T : IAdminResult
    {
        ArgumentNullException.ThrowIfNull(operation);
        return (await operation).EnsureSuccess();
    }
}
