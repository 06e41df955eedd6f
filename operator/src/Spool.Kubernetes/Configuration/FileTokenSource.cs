namespace Spool.Kubernetes.Configuration;

/// <summary>
/// A token read from a file (the service-account token, kubeconfig "tokenFile"). Bound service-account tokens are
/// rotated by the kubelet, so the file is read again when its timestamp changes, after a 401, and at least every
/// <see cref="RefreshInterval"/> (client-go re-reads every minute).
/// </summary>
public sealed class FileTokenSource : ITokenSource
{
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private string? _token;
    private DateTimeOffset _readAt;
    private DateTime _fileTime;

    public FileTokenSource(string path, TimeProvider? timeProvider = null, TimeSpan? refreshInterval = null)
    {
        _path = path;
        _time = timeProvider ?? TimeProvider.System;
        RefreshInterval = refreshInterval ?? TimeSpan.FromMinutes(1);
    }

    public TimeSpan RefreshInterval { get; }

    public ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var fileTime = File.GetLastWriteTimeUtc(_path);
            if (_token is null || now - _readAt >= RefreshInterval || fileTime != _fileTime)
            {
                _token = File.ReadAllText(_path).Trim();
                _readAt = now;
                _fileTime = fileTime;
            }

            return ValueTask.FromResult<string?>(_token);
        }
    }

    public void Invalidate()
    {
        lock (_lock)
        {
            _token = null;
        }
    }
}
