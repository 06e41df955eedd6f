using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class LeaderElectionTests : IDisposable
{
    private readonly FakeKubernetesApi _api = new();
    private readonly KubernetesClient _client;
    private readonly ManualTimeProvider _time = new();

    public LeaderElectionTests() => _client = TestClients.Create(_api);

    public void Dispose() => _client.Dispose();

    private LeaderElector Candidate(string identity, TimeProvider? time = null, LeaderElectionOptions? options = null) =>
        new(_client.Resource<Lease>(), options ?? new LeaderElectionOptions { Namespace = "ops", Name = "spool-operator", Identity = identity }, null, time ?? _time);

    private LeaseSpec StoredLease() =>
        _client.Serializer.Deserialize<Lease>(_api.Get("/apis/coordination.k8s.io/v1", "leases", "ops", "spool-operator")!.ToJsonString()).Spec!;

    [Fact]
    public async Task The_first_candidate_creates_the_lease_and_leads()
    {
        var a = Candidate("a");
        (await a.TryAcquireOrRenewAsync(default)).Should().BeTrue();
        a.IsLeader.Should().BeTrue();
        var lease = StoredLease();
        lease.HolderIdentity.Should().Be("a");
        lease.LeaseDurationSeconds.Should().Be(15);
        lease.LeaseTransitions.Should().Be(0);
        lease.AcquireTime.Should().Be(_time.GetUtcNow());
        lease.RenewTime.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task Others_wait_while_the_leader_renews()
    {
        var a = Candidate("a");
        var b = Candidate("b");
        (await a.TryAcquireOrRenewAsync(default)).Should().BeTrue();
        var acquired = StoredLease().AcquireTime;

        for (var i = 0; i < 10; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(2));
            (await a.TryAcquireOrRenewAsync(default)).Should().BeTrue();
            (await b.TryAcquireOrRenewAsync(default)).Should().BeFalse();
        }

        b.IsLeader.Should().BeFalse();
        b.ObservedLeader.Should().Be("a");
        var lease = StoredLease();
        lease.AcquireTime.Should().Be(acquired, "renewing keeps the acquire time");
        lease.RenewTime.Should().Be(_time.GetUtcNow());
        lease.LeaseTransitions.Should().Be(0);
    }

    [Fact]
    public async Task A_candidate_takes_over_once_the_record_is_unchanged_for_the_lease_duration()
    {
        var a = Candidate("a");
        var newLeaders = new List<string>();
        var b = Candidate("b", options: new LeaderElectionOptions { Namespace = "ops", Name = "spool-operator", Identity = "b", OnNewLeader = newLeaders.Add });
        (await a.TryAcquireOrRenewAsync(default)).Should().BeTrue();
        (await b.TryAcquireOrRenewAsync(default)).Should().BeFalse();

        // a stops renewing. Expiry is measured on b's clock from when b last saw the record change.
        _time.Advance(TimeSpan.FromSeconds(14));
        (await b.TryAcquireOrRenewAsync(default)).Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(2));
        (await b.TryAcquireOrRenewAsync(default)).Should().BeTrue();

        var lease = StoredLease();
        lease.HolderIdentity.Should().Be("b");
        lease.LeaseTransitions.Should().Be(1);
        lease.AcquireTime.Should().Be(_time.GetUtcNow());
        newLeaders.Should().Equal("a", "b");

        // The old leader finds out on its next renewal.
        (await a.TryAcquireOrRenewAsync(default)).Should().BeFalse();
        a.IsLeader.Should().BeFalse();
    }

    [Fact]
    public async Task Of_two_concurrent_candidates_one_gets_a_conflict()
    {
        var a = Candidate("a");
        (await a.TryAcquireOrRenewAsync(default)).Should().BeTrue();
        _time.Advance(TimeSpan.FromSeconds(30));
        var b = Candidate("b");
        var c = Candidate("c");
        (await b.TryAcquireOrRenewAsync(default)).Should().BeFalse("b first observes the record");
        (await c.TryAcquireOrRenewAsync(default)).Should().BeFalse("c first observes the record");
        _time.Advance(TimeSpan.FromSeconds(16));

        // c writes the lease between b's read and b's write: b's update carries a stale resourceVersion.
        var interfered = false;
        _api.Intercept = (request, body) =>
        {
            if (request.Method == HttpMethod.Put && body!.Contains("\"holderIdentity\":\"b\"", StringComparison.Ordinal) && !interfered)
            {
                interfered = true;
                c.TryAcquireOrRenewAsync(default).GetAwaiter().GetResult().Should().BeTrue();
            }

            return null;
        };
        (await b.TryAcquireOrRenewAsync(default)).Should().BeFalse();
        interfered.Should().BeTrue();
        _api.RequestsSnapshot().Where(r => r.Method == "PUT").Should().HaveCount(2);
        StoredLease().HolderIdentity.Should().Be("c");
        StoredLease().LeaseTransitions.Should().Be(1);
        b.IsLeader.Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_creation_lets_only_one_win()
    {
        var a = Candidate("a");
        var b = Candidate("b");
        var interfered = false;
        _api.Intercept = (request, _) =>
        {
            if (request.Method == HttpMethod.Post && !interfered)
            {
                interfered = true;
                b.TryAcquireOrRenewAsync(default).GetAwaiter().GetResult().Should().BeTrue();
            }

            return null;
        };
        (await a.TryAcquireOrRenewAsync(default)).Should().BeFalse("b created the lease first: a's create is AlreadyExists");
        StoredLease().HolderIdentity.Should().Be("b");
    }

    [Fact]
    public async Task Release_hands_the_lease_to_the_next_candidate_at_once()
    {
        var a = Candidate("a");
        var b = Candidate("b");
        (await a.TryAcquireOrRenewAsync(default)).Should().BeTrue();
        (await b.TryAcquireOrRenewAsync(default)).Should().BeFalse();
        (await a.ReleaseAsync(default)).Should().BeTrue();
        a.IsLeader.Should().BeFalse();
        StoredLease().HolderIdentity.Should().BeNull();
        StoredLease().LeaseDurationSeconds.Should().Be(1);

        (await b.TryAcquireOrRenewAsync(default)).Should().BeTrue("an empty holder is free without waiting");
        StoredLease().LeaseTransitions.Should().Be(1);
    }

    [Fact]
    public void Durations_are_validated_like_client_go()
    {
        var act = () => Candidate("x", options: new LeaderElectionOptions { Namespace = "n", Name = "l", Identity = "x", LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(5) });
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task Run_leads_renews_and_fails_over_on_shutdown()
    {
        // Real time with short durations: two replicas, one leads, the other takes over after the first shuts down.
        LeaderElectionOptions Options(string id, List<string> log) => new()
        {
            Namespace = "ops",
            Name = "spool-operator",
            Identity = id,
            LeaseDuration = TimeSpan.FromSeconds(3),
            RenewDeadline = TimeSpan.FromSeconds(2),
            RetryPeriod = TimeSpan.FromMilliseconds(50),
            OnStartedLeading = async ct =>
            {
                lock (log)
                {
                    log.Add($"{id} started");
                }

                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
                lock (log)
                {
                    log.Add($"{id} finished work");
                }
            },
            OnStoppedLeading = () =>
            {
                lock (log)
                {
                    log.Add($"{id} stopped");
                }
            },
        };
        var log = new List<string>();
        var a = Candidate("a", TimeProvider.System, Options("a", log));
        var b = Candidate("b", TimeProvider.System, Options("b", log));
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var runA = a.RunAsync(stopA.Token);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        var runB = b.RunAsync(stopB.Token);
        await Eventually.TrueAsync(() => StoredLease().RenewTime > StoredLease().AcquireTime, "a renews");
        b.IsLeader.Should().BeFalse();

        await stopA.CancelAsync();
        await runA.WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(() => b.IsLeader, "b takes over well before the 3 s lease would expire");
        StoredLease().HolderIdentity.Should().Be("b");
        lock (log)
        {
            log.Should().StartWith(["a started", "a finished work", "a stopped"]);
        }

        await stopB.CancelAsync();
        await runB.WaitAsync(TimeSpan.FromSeconds(10));
        StoredLease().HolderIdentity.Should().BeNull("b released on shutdown too");
    }

    [Fact]
    public async Task A_leader_that_cannot_renew_steps_down()
    {
        var stopped = new TaskCompletionSource();
        var a = Candidate("a", TimeProvider.System, new LeaderElectionOptions
        {
            Namespace = "ops",
            Name = "spool-operator",
            Identity = "a",
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(50),
            OnStoppedLeading = () => stopped.TrySetResult(),
        });
        var run = a.RunAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => a.IsLeader, "a leads");
        _api.Intercept = (_, _) => FakeKubernetesApi.Status(System.Net.HttpStatusCode.ServiceUnavailable, "ServiceUnavailable", "api down");
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await run.WaitAsync(TimeSpan.FromSeconds(10));
        a.IsLeader.Should().BeFalse();
    }

    [Fact]
    public async Task The_manager_throws_when_leadership_is_lost()
    {
        _api.Upsert("/apis/coordination.k8s.io/v1", "leases", JsonNode.Parse("""{"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"spool-operator","namespace":"ops"},"spec":{}}""")!.AsObject());
        var elector = Candidate("a", TimeProvider.System, new LeaderElectionOptions
        {
            Namespace = "ops",
            Name = "spool-operator",
            Identity = "a",
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromSeconds(1),
            RetryPeriod = TimeSpan.FromMilliseconds(50),
        });
        var manager = new ControllerManager();
        var run = manager.RunAsync(CancellationToken.None, elector);
        await Eventually.TrueAsync(() => elector.IsLeader, "leading");
        _api.Intercept = (request, _) => request.Method == HttpMethod.Put
            ? FakeKubernetesApi.Status(System.Net.HttpStatusCode.Conflict, "Conflict", "someone else")
            : null;
        await FluentActions.Awaiting(() => run.WaitAsync(TimeSpan.FromSeconds(10))).Should().ThrowAsync<LeaderElectionLostException>();
    }
}
