using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Keeps <see cref="Cache"/> in step with the API server by list + watch (client-go's reflector and shared informer):
/// list page by page, watch from the list's resourceVersion with bookmarks, re-watch from the last seen version when
/// a watch ends, re-list when that version is gone (410), back off on errors, and optionally resync.
/// </summary>
public sealed partial class Informer<T> : IInformer
    where T : class, IKubernetesObject
{
    private readonly ResourceClient<T> _client;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _name;
    private readonly Lock _dispatch = new();
    private readonly List<IResourceEventHandler<T>> _handlers = [];
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _unsyncedScopes;
    private int _running;

    public Informer(ResourceClient<T> client, InformerOptions? options = null, ILogger? logger = null, TimeProvider? timeProvider = null)
    {
        _client = client;
        Options = options ?? new InformerOptions();
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _name = client.Type.ToString();
        _unsyncedScopes = Math.Max(1, Options.Namespaces.Count);
    }

    public ResourceType ResourceType => _client.Type;

    public InformerOptions Options { get; }

    public InformerCache<T> Cache { get; } = new();

    /// <summary>True once every watched namespace has been listed.</summary>
    public bool HasSynced => _synced.Task.IsCompleted;

    /// <summary>Adds a handler; objects already cached are replayed to it as adds, so late handlers miss nothing.</summary>
    public void AddEventHandler(IResourceEventHandler<T> handler)
    {
        lock (_dispatch)
        {
            _handlers.Add(handler);
            foreach (var item in Cache.List())
            {
                Invoke(handler, h => h.OnAdd(item, !HasSynced));
            }
        }
    }

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    /// <summary>Runs until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _running, 1) == 1)
        {
            throw new InvalidOperationException($"The {ResourceType} informer is already running.");
        }

        var scopes = Options.Namespaces.Count == 0 ? new string?[] { null } : [.. Options.Namespaces];
        var loops = scopes.Select(ns => Task.Run(() => RunScopeAsync(ns, cancellationToken), CancellationToken.None)).ToList();
        if (Options.ResyncPeriod > TimeSpan.Zero)
        {
            loops.Add(Task.Run(() => ResyncLoopAsync(cancellationToken), CancellationToken.None));
        }

        await Task.WhenAll(loops);
    }

    private async Task ResyncLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Options.ResyncPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (!HasSynced)
                {
                    continue;
                }

                lock (_dispatch)
                {
                    foreach (var item in Cache.List())
                    {
                        Dispatch(h => h.OnUpdate(item, item));
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Replaces a scope's contents with a fresh list: adds, updates (for every surviving object) and deletes.</summary>
    private void Replace(string? ns, List<T> items)
    {
        lock (_dispatch)
        {
            var stale = (ns is null ? Cache.Keys() : Cache.List(ns).Select(ObjectKey.Of)).ToHashSet();
            var initial = !HasSynced;
            foreach (var item in items)
            {
                stale.Remove(ObjectKey.Of(item));
                Upsert(item, initial);
            }

            foreach (var key in stale)
            {
                if (Cache.Remove(key) is { } removed)
                {
                    Dispatch(h => h.OnDelete(removed));
                }
            }
        }
    }

    private void Apply(WatchEvent<T> evt)
    {
        lock (_dispatch)
        {
            switch (evt.Type)
            {
                case WatchEventType.Added or WatchEventType.Modified:
                    Upsert(evt.Object!, false);
                    break;
                case WatchEventType.Deleted:
                    Cache.Remove(ObjectKey.Of(evt.Object!));
                    Dispatch(h => h.OnDelete(evt.Object!));
                    break;
            }
        }
    }

    private void Upsert(T item, bool initial)
    {
        if (Cache.Upsert(item) is { } old)
        {
            Dispatch(h => h.OnUpdate(old, item));
        }
        else
        {
            Dispatch(h => h.OnAdd(item, initial));
        }
    }

    private void Dispatch(Action<IResourceEventHandler<T>> action)
    {
        foreach (var handler in _handlers)
        {
            Invoke(handler, action);
        }
    }

    private void Invoke(IResourceEventHandler<T> handler, Action<IResourceEventHandler<T>> action)
    {
        try
        {
            action(handler);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "An event handler of the {Resource} informer failed", _name);
        }
    }

    private void MarkScopeSynced()
    {
        if (Interlocked.Decrement(ref _unsyncedScopes) == 0)
        {
            _synced.TrySetResult();
        }
    }
}
