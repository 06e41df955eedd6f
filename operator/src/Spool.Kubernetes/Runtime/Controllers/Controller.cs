using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Feeds a work queue from informers (the primary type, owned types via their controller ownerReference, and any
/// mapped type) and runs <see cref="IReconciler{T}"/> workers over it.
/// </summary>
public sealed class Controller<T> : IDisposable
    where T : class, IKubernetesObject
{
    private readonly IReconciler<T> _reconciler;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly OperatorMetrics? _metrics;
    private readonly KeyValuePair<string, object?> _tag;

    public Controller(
        string name,
        Informer<T> informer,
        IReconciler<T> reconciler,
        ControllerOptions? options = null,
        ILogger? logger = null,
        TimeProvider? timeProvider = null,
        OperatorMetrics? metrics = null)
    {
        Name = name;
        Informer = informer;
        Options = options ?? new ControllerOptions();
        _reconciler = reconciler;
        _logger = logger ?? NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
        _tag = new("controller", name);
        Queue = new RateLimitingQueue<ObjectKey>(name, Options.RateLimiter?.Invoke(_time), _time, metrics);
        informer.AddEventHandler(new ResourceEventHandler<T>(
            o => Queue.Add(ObjectKey.Of(o)),
            (_, o) => Queue.Add(ObjectKey.Of(o)),
            o => Queue.Add(ObjectKey.Of(o))));
    }

    public string Name { get; }

    public Informer<T> Informer { get; }

    public ControllerOptions Options { get; }

    public RateLimitingQueue<ObjectKey> Queue { get; }

    /// <summary>
    /// Changes to <typeparamref name="TOwned"/> objects enqueue their controlling owner when it is a
    /// <typeparamref name="T"/> (ownerReference with controller: true, same group and kind), so deleting or editing a
    /// child StatefulSet wakes the Cluster that owns it.
    /// </summary>
    public Controller<T> Owns<TOwned>(Informer<TOwned> owned)
        where TOwned : class, IKubernetesObject
    {
        var type = Informer.ResourceType;
        return Watches(owned, o => OwnerReferences.GetController(o) is { } owner
            && owner.Kind == type.Kind && GroupOf(owner.ApiVersion) == type.Group && owner.Name is { } ownerName
            ? [new ObjectKey(type.Namespaced ? ObjectKey.Of(o).Namespace : null, ownerName)]
            : []);
    }

    /// <summary>Changes to <typeparamref name="TOther"/> objects enqueue the keys <paramref name="map"/> returns.</summary>
    public Controller<T> Watches<TOther>(Informer<TOther> other, Func<TOther, IEnumerable<ObjectKey>> map)
        where TOther : class, IKubernetesObject
    {
        void Enqueue(TOther o)
        {
            foreach (var key in map(o))
            {
                Queue.Add(key);
            }
        }

        other.AddEventHandler(new ResourceEventHandler<TOther>(Enqueue, (old, o) =>
        {
            Enqueue(old);
            Enqueue(o);
        }, Enqueue));
        return this;
    }

    /// <summary>
    /// Runs the workers until <paramref name="cancellationToken"/> fires, then stops taking keys, lets in-flight
    /// reconciles finish (up to <see cref="ControllerOptions.ShutdownTimeout"/>) and returns.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var abort = new CancellationTokenSource();
        await using var stop = cancellationToken.Register(() =>
        {
            Queue.ShutDown();
            abort.CancelAfter(Options.ShutdownTimeout);
        });
        if (cancellationToken.IsCancellationRequested)
        {
            Queue.ShutDown();
        }

        var workers = Enumerable.Range(0, Math.Max(1, Options.MaxConcurrentReconciles))
            .Select(_ => Task.Run(() => WorkerAsync(abort.Token), CancellationToken.None))
            .ToArray();
        await Task.WhenAll(workers);
    }

    public void Dispose() => Queue.Dispose();

    private static string GroupOf(string? apiVersion) =>
        apiVersion is null ? "" : apiVersion.Contains('/', StringComparison.Ordinal) ? apiVersion[..apiVersion.IndexOf('/', StringComparison.Ordinal)] : "";

    private async Task WorkerAsync(CancellationToken abort)
    {
        while (true)
        {
            var (shutdown, key) = await Queue.GetAsync(CancellationToken.None);
            if (shutdown)
            {
                return;
            }

            try
            {
                await ReconcileOneAsync(key, abort);
            }
            finally
            {
                Queue.Done(key);
            }
        }
    }

    private async Task ReconcileOneAsync(ObjectKey key, CancellationToken abort)
    {
        var started = Stopwatch.GetTimestamp();
        string result;
        try
        {
            var outcome = await _reconciler.ReconcileAsync(new ReconcileRequest<T>(key, Informer.Cache.Get(key)), abort);
            if (outcome.RequeueAfter is { } delay)
            {
                Queue.Forget(key);
                Queue.AddAfter(key, delay);
                result = "requeue_after";
            }
            else if (outcome.Requeue)
            {
                Queue.AddRateLimited(key);
                result = "requeue";
            }
            else
            {
                Queue.Forget(key);
                result = "success";
            }
        }
        catch (OperationCanceledException) when (abort.IsCancellationRequested)
        {
            result = "error";
        }
        catch (Exception ex)
        {
            _metrics?.ReconcileErrors.Add(1, _tag);
            _logger.LogError(ex, "Reconcile of {Controller} {Key} failed", Name, key);
            Queue.AddRateLimited(key);
            result = "error";
        }

        _metrics?.ReconcileTotal.Add(1, _tag, new("result", result));
        _metrics?.ReconcileDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, _tag);
    }
}
