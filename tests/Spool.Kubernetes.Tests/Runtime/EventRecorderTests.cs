using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class EventRecorderTests : IDisposable
{
    private readonly FakeKubernetesApi _api = new();
    private readonly KubernetesClient _client;
    private readonly ManualTimeProvider _time = new();

    public EventRecorderTests() => _client = TestClients.Create(_api);

    public void Dispose() => _client.Dispose();

    private static StatefulSet Regarding() => new()
    {
        Metadata = new() { Name = "broker", Namespace = "n", Uid = "uid-1", ResourceVersion = "5" },
    };

    [Fact]
    public async Task Records_a_core_event_about_the_object()
    {
        var recorder = new EventRecorder(_client, "spool-operator", "pod-0", null, _time);
        await recorder.WarningAsync(Regarding(), "RollPaused", "broker-1 is not ready");

        var events = await _client.Resource<Event>().ListAsync("n");
        var e = events.Items.Should().ContainSingle().Subject;
        e.Type.Should().Be("Warning");
        e.Reason.Should().Be("RollPaused");
        e.Message.Should().Be("broker-1 is not ready");
        e.Count.Should().Be(1);
        e.InvolvedObject!.Kind.Should().Be("StatefulSet");
        e.InvolvedObject.ApiVersion.Should().Be("apps/v1");
        e.InvolvedObject.Uid.Should().Be("uid-1");
        e.Source!.Component.Should().Be("spool-operator");
        e.ReportingInstance.Should().Be("pod-0");
        e.FirstTimestamp.Should().Be(_time.GetUtcNow());
        e.Metadata.Name.Should().StartWith("broker.");
    }

    [Fact]
    public async Task Repeats_are_aggregated_into_a_count()
    {
        var recorder = new EventRecorder(_client, "spool-operator", "pod-0", null, _time);
        await recorder.NormalAsync(Regarding(), "Scaled", "3 replicas");
        _time.Advance(TimeSpan.FromSeconds(30));
        await recorder.NormalAsync(Regarding(), "Scaled", "3 replicas");
        await recorder.NormalAsync(Regarding(), "Scaled", "3 replicas");
        await recorder.NormalAsync(Regarding(), "Scaled", "5 replicas");

        var events = (await _client.Resource<Event>().ListAsync("n")).Items;
        events.Should().HaveCount(2);
        var repeated = events.Single(e => e.Message == "3 replicas");
        repeated.Count.Should().Be(3);
        repeated.LastTimestamp.Should().Be(_time.GetUtcNow());
        repeated.FirstTimestamp.Should().Be(_time.GetUtcNow() - TimeSpan.FromSeconds(30));
        _api.Requests.Where(r => r.Method == "PATCH").Should().AllSatisfy(r => r.ContentType.Should().Be("application/merge-patch+json"));
    }

    [Fact]
    public async Task Failures_are_swallowed()
    {
        _api.Intercept = (_, _) => FakeKubernetesApi.Status(System.Net.HttpStatusCode.Forbidden, "Forbidden", "cannot create events");
        var recorder = new EventRecorder(_client, "spool-operator", "pod-0", null, _time);
        await FluentActions.Awaiting(() => recorder.NormalAsync(Regarding(), "Created", "x")).Should().NotThrowAsync();
    }
}
