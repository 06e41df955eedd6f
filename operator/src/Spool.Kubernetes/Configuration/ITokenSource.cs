namespace Spool.Kubernetes.Configuration;

/// <summary>Supplies the bearer token for each request.</summary>
public interface ITokenSource
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>The server answered 401: forget any cached token so the next request reads a fresh one.</summary>
    void Invalidate();
}
