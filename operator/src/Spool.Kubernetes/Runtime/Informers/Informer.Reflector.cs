using Microsoft.Extensions.Logging;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Runtime;

/// <summary>The list/watch loop of one namespace (or all).</summary>
public sealed partial class Informer<T>
{
    // A watch that ends this quickly without events is treated as a failure, so a server that closes at once is not hammered.
    private static readonly TimeSpan ShortWatch = TimeSpan.FromSeconds(1);

    private async Task RunScopeAsync(string? ns, CancellationToken cancellationToken)
    {
        var backoff = new Backoff(Options.InitialBackoff, Options.MaxBackoff);
        var scopeSynced = false;
        string? resourceVersion = null;
        var needList = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (needList)
                {
                    resourceVersion = await ListAsync(ns, cancellationToken);
                    needList = false;
                    if (!scopeSynced)
                    {
                        scopeSynced = true;
                        MarkScopeSynced();
                    }
                }

                var started = _time.GetUtcNow();
                var events = 0;
                await foreach (var evt in _client.WatchAsync(ns, WatchOptionsFor(resourceVersion), cancellationToken))
                {
                    if (evt.Type == WatchEventType.Error)
                    {
                        if (!evt.IsGone)
                        {
                            throw evt.ToException();
                        }

                        if (_logger.IsEnabled(LogLevel.Information))
                        {
                            _logger.LogInformation("{Resource} watch from resourceVersion {Version} expired; re-listing", _name, resourceVersion);
                        }

                        needList = true;
                        break;
                    }

                    events++;
                    resourceVersion = evt.Object?.Metadata.ResourceVersion ?? resourceVersion;
                    if (evt.Type != WatchEventType.Bookmark)
                    {
                        Apply(evt);
                    }
                }

                if (!needList && events == 0 && _time.GetUtcNow() - started < ShortWatch)
                {
                    throw new IOException($"The {ResourceType} watch closed immediately.");
                }

                backoff.Reset();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (KubernetesApiException ex) when (ex.IsGone && !needList)
            {
                // HTTP 410 on the watch itself: re-list at once, as for an ERROR event.
                needList = true;
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "{Resource} {Phase} failed; retrying", _name, needList ? "list" : "watch");
                try
                {
                    await Task.Delay(backoff.Next(), _time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>A consistent, paginated list of the scope; returns the resourceVersion to watch from.</summary>
    private async Task<string?> ListAsync(string? ns, CancellationToken cancellationToken)
    {
        var items = new List<T>();
        var options = new ListOptions { LabelSelector = Options.LabelSelector, FieldSelector = Options.FieldSelector, Limit = Options.PageSize };
        string? resourceVersion = null;
        while (true)
        {
            var page = await _client.ListAsync(ns, options, cancellationToken);
            items.AddRange(page.Items);

            // Every page of a paginated list is served from the first page's snapshot.
            resourceVersion ??= page.Metadata.ResourceVersion;
            if (string.IsNullOrEmpty(page.Metadata.Continue))
            {
                break;
            }

            options = options with { Continue = page.Metadata.Continue };
        }

        Replace(ns, items);
        return resourceVersion;
    }

    private WatchOptions WatchOptionsFor(string? resourceVersion)
    {
        var timeout = Options.WatchTimeout ?? TimeSpan.FromMinutes(5) * (1 + Random.Shared.NextDouble());
        return new WatchOptions
        {
            ResourceVersion = resourceVersion,
            LabelSelector = Options.LabelSelector,
            FieldSelector = Options.FieldSelector,
            AllowWatchBookmarks = true,
            TimeoutSeconds = Math.Max(1, (int)timeout.TotalSeconds),
        };
    }
}
