using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Runs shared informers and controllers together: informers start at once (a standby replica keeps a warm cache
/// for a fast failover), controllers run only after every cache synced and, with leader election, only while leading.
/// </summary>
public sealed class ControllerManager(ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null, OperatorMetrics? metrics = null)
{
    private readonly ILoggerFactory _loggers = loggerFactory ?? NullLoggerFactory.Instance;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly Dictionary<ResourceType, IInformer> _informers = [];
    private readonly List<Func<CancellationToken, Task>> _controllers = [];

    public OperatorMetrics? Metrics => metrics;

    /// <summary>True when every informer has listed once: the operator's readiness.</summary>
    public bool HasSynced => _informers.Values.All(i => i.HasSynced);

    /// <summary>The informer for a resource type, shared by every controller that asks for it (the first options win).</summary>
    public Informer<T> Informer<T>(ResourceClient<T> client, InformerOptions? options = null)
        where T : class, IKubernetesObject
    {
        if (_informers.TryGetValue(client.Type, out var existing))
        {
            return (Informer<T>)existing;
        }

        var informer = new Informer<T>(client, options, _loggers.CreateLogger($"Spool.Kubernetes.Informer.{client.Type}"), _time);
        _informers[client.Type] = informer;
        return informer;
    }

    public Controller<T> Controller<T>(string name, Informer<T> informer, IReconciler<T> reconciler, ControllerOptions? options = null)
        where T : class, IKubernetesObject
    {
        var controller = new Controller<T>(name, informer, reconciler, options, _loggers.CreateLogger($"Spool.Kubernetes.Controller.{name}"), _time, metrics);
        _controllers.Add(controller.RunAsync);
        return controller;
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires: then controllers stop taking keys, finish in-flight
    /// reconciles, the lease is released and the watches are cancelled. With an elector, losing leadership throws
    /// <see cref="LeaderElectionLostException"/>.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken, LeaderElector? elector = null)
    {
        using var informerStop = new CancellationTokenSource();
        var informers = _informers.Values.Select(i => Task.Run(() => i.RunAsync(informerStop.Token), CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(_informers.Values.Select(i => i.WaitForSyncAsync(cancellationToken)));
            if (elector is null)
            {
                await RunControllersAsync(cancellationToken);
            }
            else
            {
                await elector.RunAsync(RunControllersAsync, cancellationToken);
                if (!cancellationToken.IsCancellationRequested)
                {
                    throw new LeaderElectionLostException($"{elector.Options.Identity} lost the lease {elector.Options.Namespace}/{elector.Options.Name}.");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            await informerStop.CancelAsync();
            await Task.WhenAll(informers);
        }
    }

    private Task RunControllersAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_controllers.Select(run => Task.Run(() => run(cancellationToken), CancellationToken.None)));
}
