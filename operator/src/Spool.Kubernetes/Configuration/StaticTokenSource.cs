namespace Spool.Kubernetes.Configuration;

/// <summary>A token given inline (kubeconfig "token").</summary>
public sealed class StaticTokenSource(string token) : ITokenSource
{
    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult<string?>(token);

    public void Invalidate()
    {
    }
}
