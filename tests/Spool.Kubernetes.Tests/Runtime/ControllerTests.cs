using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class ControllerTests : IDisposable
{
    private readonly FakeKubernetesApi _api = new();
    private readonly KubernetesClient _client;

    public ControllerTests() => _client = TestClients.Create(_api);

    public void Dispose() => _client.Dispose();

    private void ConfigMap(string name, JsonArray? owners = null, string ns = "n") =>
        _api.Upsert("/api/v1", "configmaps", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["ownerReferences"] = owners },
        });

    private JsonObject StatefulSet(string name, JsonArray? owners = null) =>
        _api.Upsert("/apis/apps/v1", "statefulsets", new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "StatefulSet",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "n", ["ownerReferences"] = owners },
        });

    private static JsonArray OwnedBy(string kind, string apiVersion, string name, bool controller = true) =>
        [new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["name"] = name, ["uid"] = "u-" + name, ["controller"] = controller }];

    private sealed class RecordingReconciler(Func<ReconcileRequest<ConfigMap>, Task<ReconcileResult>>? behaviour = null) : IReconciler<ConfigMap>
    {
        public ConcurrentQueue<(ObjectKey Key, bool Exists)> Seen { get; } = new();

        public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest<ConfigMap> request, CancellationToken cancellationToken)
        {
            Seen.Enqueue((request.Key, request.Object is not null));
            return behaviour is null ? ReconcileResult.Done : await behaviour(request);
        }
    }

    [Fact]
    public async Task Reconciles_every_object_and_again_when_it_changes_or_goes()
    {
        ConfigMap("a");
        var manager = new ControllerManager();
        var informer = manager.Informer(_client.Resource<ConfigMap>());
        var reconciler = new RecordingReconciler();
        manager.Controller("configmaps", informer, reconciler);
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => reconciler.Seen.Contains((new ObjectKey("n", "a"), true)), "initial reconcile");
        await Eventually.TrueAsync(() => _api.WatchCount == 1, "watching");
        _api.Remove("/api/v1", "configmaps", "n", "a");
        await Eventually.TrueAsync(() => reconciler.Seen.Contains((new ObjectKey("n", "a"), false)), "reconcile after delete sees no object");
        manager.HasSynced.Should().BeTrue();

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Changes_to_owned_objects_enqueue_their_controller_owner()
    {
        var informers = new ControllerManager();
        var configMaps = informers.Informer(_client.Resource<ConfigMap>());
        var statefulSets = informers.Informer(_client.Resource<StatefulSet>());
        var reconciler = new RecordingReconciler();
        var controller = informers.Controller("owners", configMaps, reconciler);
        controller.Owns(statefulSets);
        using var stop = new CancellationTokenSource();
        var run = informers.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => _api.WatchCount == 2, "watching");

        StatefulSet("owned", OwnedBy("ConfigMap", "v1", "parent"));
        StatefulSet("other-kind", OwnedBy("Secret", "v1", "s"));
        StatefulSet("not-controller", OwnedBy("ConfigMap", "v1", "weak", controller: false));
        StatefulSet("orphan");
        await Eventually.TrueAsync(() => reconciler.Seen.Any(s => s.Key == new ObjectKey("n", "parent")), "owner enqueued");
        await Task.Delay(50);
        reconciler.Seen.Select(s => s.Key.Name).Distinct().Should().Equal("parent");

        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Failures_retry_with_backoff_and_requeue_after_comes_back()
    {
        ConfigMap("flaky");
        ConfigMap("poll");
        var attempts = new ConcurrentDictionary<string, int>();
        var reconciler = new RecordingReconciler(request =>
        {
            var n = attempts.AddOrUpdate(request.Key.Name, 1, (_, v) => v + 1);
            return request.Key.Name switch
            {
                "flaky" when n < 3 => throw new InvalidOperationException("boom"),
                "poll" when n < 3 => Task.FromResult(ReconcileResult.After(TimeSpan.FromMilliseconds(10))),
                _ => Task.FromResult(ReconcileResult.Done),
            };
        });
        using var metrics = new OperatorMetrics(new Meter("test-" + Guid.NewGuid()));
        var counts = new ConcurrentDictionary<string, long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == metrics.Meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var result = tags.ToArray().FirstOrDefault(t => t.Key == "result").Value;
            counts.AddOrUpdate($"{instrument.Name}{(result is null ? "" : ":" + result)}", value, (_, v) => v + value);
        });
        listener.Start();

        var manager = new ControllerManager(metrics: metrics);
        manager.Controller("retry", manager.Informer(_client.Resource<ConfigMap>()), reconciler, new ControllerOptions { MaxConcurrentReconciles = 2 });
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);

        await Eventually.TrueAsync(() => attempts.GetValueOrDefault("flaky") == 3 && attempts.GetValueOrDefault("poll") == 3, "retried until success");
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        counts["spool_operator_reconcile_errors_total"].Should().Be(2);
        counts["spool_operator_reconcile_total:error"].Should().Be(2);
        counts["spool_operator_reconcile_total:requeue_after"].Should().Be(2);
        counts["spool_operator_reconcile_total:success"].Should().BeGreaterThanOrEqualTo(2);
        counts["spool_operator_workqueue_retries_total"].Should().Be(2);
        counts.Should().ContainKey("spool_operator_workqueue_adds_total");
    }

    [Fact]
    public async Task One_key_is_never_reconciled_twice_at_once_even_with_many_workers()
    {
        ConfigMap("hot");
        var inFlight = 0;
        var overlap = false;
        var runs = 0;
        var reconciler = new RecordingReconciler(async _ =>
        {
            if (Interlocked.Increment(ref inFlight) > 1)
            {
                overlap = true;
            }

            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
            Interlocked.Increment(ref runs);
            return ReconcileResult.Done;
        });
        var manager = new ControllerManager();
        var controller = manager.Controller("hot", manager.Informer(_client.Resource<ConfigMap>()), reconciler, new ControllerOptions { MaxConcurrentReconciles = 4 });
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);
        await Eventually.TrueAsync(() => Volatile.Read(ref runs) >= 1, "first reconcile");
        for (var i = 0; i < 50; i++)
        {
            controller.Queue.Add(new ObjectKey("n", "hot"));
            await Task.Yield();
        }

        await Eventually.TrueAsync(() => controller.Queue.Count == 0 && Volatile.Read(ref inFlight) == 0, "drained");
        overlap.Should().BeFalse();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Shutdown_lets_the_in_flight_reconcile_finish()
    {
        ConfigMap("slow");
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var finished = false;
        var reconciler = new RecordingReconciler(async _ =>
        {
            started.TrySetResult();
            await release.Task;
            finished = true;
            return ReconcileResult.Done;
        });
        var manager = new ControllerManager();
        manager.Controller("slow", manager.Informer(_client.Resource<ConfigMap>()), reconciler);
        using var stop = new CancellationTokenSource();
        var run = manager.RunAsync(stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        await Task.Delay(20);
        run.IsCompleted.Should().BeFalse("the reconcile in flight is awaited");
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        finished.Should().BeTrue();
    }
}
