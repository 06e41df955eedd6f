using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class InformerTests : IAsyncLifetime, IDisposable
{
    private readonly FakeKubernetesApi _api = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _events = new();
    private Task? _run;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _api.Dispose();
    }

    private JsonObject Pod(string ns, string name, string app = "spool") =>
        _api.Upsert("/api/v1", "pods", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = app } },
        });

    private Informer<Pod> Start(InformerOptions? options = null, TimeProvider? time = null)
    {
        var client = TestClients.Create(_api);
        var informer = new Informer<Pod>(client.Resource<Pod>(), options ?? new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(5) }, null, time);
        informer.AddEventHandler(new ResourceEventHandler<Pod>(
            p => _events.Enqueue($"add {p.Metadata.Name}"),
            (o, n) => _events.Enqueue(o.Metadata.ResourceVersion == n.Metadata.ResourceVersion ? $"resync {n.Metadata.Name}" : $"update {n.Metadata.Name}"),
            p => _events.Enqueue($"delete {p.Metadata.Name}")));
        _run = informer.RunAsync(_stop.Token);
        return informer;
    }

    private List<string> TakeEvents()
    {
        var list = new List<string>();
        while (_events.TryDequeue(out var e))
        {
            list.Add(e);
        }

        return list;
    }

    private IReadOnlyList<FakeKubernetesApi.RecordedRequest> Watches() =>
        [.. _api.RequestsSnapshot().Where(r => r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal))];

    private IReadOnlyList<FakeKubernetesApi.RecordedRequest> Lists() =>
        [.. _api.RequestsSnapshot().Where(r => r.Method == "GET" && !r.PathAndQuery.Contains("watch=true", StringComparison.Ordinal))];

    [Fact]
    public async Task Lists_then_follows_changes_through_the_watch()
    {
        Pod("n", "a");
        Pod("n", "b");
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        informer.HasSynced.Should().BeTrue();
        informer.Cache.List().Select(p => p.Metadata.Name).Should().BeEquivalentTo(["a", "b"]);
        TakeEvents().Should().BeEquivalentTo(["add a", "add b"]);

        await Eventually.TrueAsync(() => _api.WatchCount == 1, "watch started");
        var listVersion = Lists()[0];
        Watches()[0].PathAndQuery.Should().Contain($"resourceVersion={_api.CurrentVersion}").And.Contain("allowWatchBookmarks=true").And.Contain("timeoutSeconds=");
        listVersion.PathAndQuery.Should().Contain("limit=500");

        Pod("n", "c");
        Pod("n", "a", app: "changed");
        _api.Remove("/api/v1", "pods", "n", "b");
        await Eventually.TrueAsync(() => _events.Count == 3, "watch events delivered");
        TakeEvents().Should().Equal("add c", "update a", "delete b");
        informer.Cache.Get("n", "a")!.Metadata.Labels!["app"].Should().Be("changed");
        informer.Cache.Get("n", "b").Should().BeNull();
        informer.Cache.Count.Should().Be(2);
    }

    [Fact]
    public async Task A_bookmark_moves_the_version_the_next_watch_starts_from()
    {
        Pod("n", "a");
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => _api.WatchCount == 1, "watch started");

        _api.SendBookmark();
        var bookmarkVersion = _api.CurrentVersion;

        // The bookmark is already in the stream, so it is read before the end of the watch.
        _api.CloseWatches();

        await Eventually.TrueAsync(() => Watches().Count == 2, "re-watched");
        Watches()[1].PathAndQuery.Should().Contain($"resourceVersion={bookmarkVersion}");
        Lists().Should().HaveCount(1, "an ended watch resumes without a re-list");
        TakeEvents().Should().Equal("add a");
    }

    [Fact]
    public async Task Gone_makes_it_relist_and_deliver_what_was_missed()
    {
        Pod("n", "a");
        Pod("n", "b");
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => _api.WatchCount == 1, "watch started");
        TakeEvents();

        // Hold the next watch while the world changes and history is compacted behind it.
        using var gate = new ManualResetEventSlim(false);
        _api.Intercept = (request, _) =>
        {
            if (request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal))
            {
                gate.Wait();
            }

            return null;
        };
        _api.CloseWatches();
        await Eventually.TrueAsync(() => Watches().Count == 2, "re-watch requested");
        _api.Remove("/api/v1", "pods", "n", "b");
        Pod("n", "c");
        _api.Compact();
        gate.Set();

        await Eventually.TrueAsync(() => Lists().Count == 2, "re-listed after 410");
        await Eventually.TrueAsync(() => _events.Count == 3, "re-list delivered");
        TakeEvents().Should().BeEquivalentTo(["resync a", "add c", "delete b"], "a survived unchanged, c appeared and b vanished while unwatched");
        informer.Cache.Get("n", "b").Should().BeNull();
        informer.Cache.Get("n", "c").Should().NotBeNull();
        Lists()[1].PathAndQuery.Should().NotContain("resourceVersion", "the re-list is a consistent read");
    }

    [Fact]
    public async Task An_http_410_on_the_watch_also_relists()
    {
        Pod("n", "a");
        var watches = 0;
        _api.Intercept = (request, _) =>
            request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal) && Interlocked.Increment(ref watches) == 1
                ? FakeKubernetesApi.Status(HttpStatusCode.Gone, "Gone", "gone")
                : null;
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => Lists().Count == 2 && _api.WatchCount == 1, "re-listed and watching");
    }

    [Fact]
    public async Task Errors_back_off_and_retry()
    {
        Pod("n", "a");
        var failures = 0;
        _api.Intercept = (_, _) => Interlocked.Increment(ref failures) <= 2
            ? FakeKubernetesApi.Status(HttpStatusCode.InternalServerError, "InternalError", "etcd is sad")
            : null;
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        informer.Cache.Count.Should().Be(1);
        Lists().Should().HaveCount(3);
    }

    [Fact]
    public async Task Pages_through_a_large_initial_list()
    {
        for (var i = 0; i < 5; i++)
        {
            Pod("n", $"p{i}");
        }

        var informer = Start(new InformerOptions { PageSize = 2 });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        informer.Cache.Count.Should().Be(5);
        Lists().Select(r => r.PathAndQuery).Should().Equal(
            "/api/v1/pods?limit=2",
            "/api/v1/pods?limit=2&continue=2",
            "/api/v1/pods?limit=2&continue=4");
    }

    [Fact]
    public async Task Watches_only_the_given_namespaces_and_indexes_labels()
    {
        Pod("one", "a", "x");
        Pod("two", "b", "y");
        Pod("three", "c", "x");
        var informer = Start(new InformerOptions { Namespaces = ["one", "two"] });
        informer.Cache.AddLabelIndex("app");
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        informer.Cache.List().Select(p => p.Metadata.Name).Should().BeEquivalentTo(["a", "b"]);
        informer.Cache.List("two").Should().ContainSingle().Which.Metadata.Name.Should().Be("b");
        informer.Cache.ByLabel("app", "x").Should().ContainSingle().Which.Metadata.Name.Should().Be("a");

        await Eventually.TrueAsync(() => _api.WatchCount == 2, "one watch per namespace");
        Pod("one", "a", "y");
        await Eventually.TrueAsync(() => informer.Cache.ByLabel("app", "y").Count == 2, "index follows updates");
        informer.Cache.ByLabel("app", "x").Should().BeEmpty();
    }

    [Fact]
    public async Task Resync_redelivers_every_cached_object()
    {
        var time = new ManualTimeProvider();
        Pod("n", "a");
        Pod("n", "b");
        var informer = Start(new InformerOptions { ResyncPeriod = TimeSpan.FromMinutes(10) }, time);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => time.ActiveTimers >= 1, "resync timer armed");
        TakeEvents();

        time.Advance(TimeSpan.FromMinutes(10));
        await Eventually.TrueAsync(() => _events.Count == 2, "resync delivered");
        TakeEvents().Should().BeEquivalentTo(["resync a", "resync b"]);
    }

    [Fact]
    public async Task A_late_handler_gets_the_cached_objects_as_adds()
    {
        Pod("n", "a");
        var informer = Start();
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        informer.AddEventHandler(new ResourceEventHandler<Pod>(p => seen.Add(p.Metadata.Name!)));
        seen.Should().Equal("a");
    }
}
