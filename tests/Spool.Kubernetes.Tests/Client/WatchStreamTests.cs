using System.IO.Pipelines;
using System.Net;
using System.Text;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Client;

public sealed class WatchStreamTests
{
    private static (KubernetesClient Client, PipeWriter Writer) StreamingClient()
    {
        var pipe = new Pipe();
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) });
        return (TestClients.Create(handler), pipe.Writer);
    }

    private static async Task WriteAsync(PipeWriter writer, string text)
    {
        await writer.WriteAsync(Encoding.UTF8.GetBytes(text));
    }

    [Fact]
    public async Task Events_are_yielded_as_they_arrive_even_when_split_across_chunks()
    {
        var (client, writer) = StreamingClient();
        await using var events = client.Resource<ConfigMap>().WatchAsync("n").GetAsyncEnumerator();

        await WriteAsync(writer, """{"type":"ADDED","object":{"metadata":{"name":"a","resourceVersion":"1"}}}""" + "\n" + """{"type":"MODIF""");
        (await events.MoveNextAsync()).Should().BeTrue();
        events.Current.Type.Should().Be(WatchEventType.Added);
        events.Current.Object!.Metadata.Name.Should().Be("a");

        var next = events.MoveNextAsync().AsTask();
        next.IsCompleted.Should().BeFalse("the second event is not complete yet");
        await WriteAsync(writer, """IED","object":{"metadata":{"name":"a","resourceVersion":"2"},"data":{"k":"v"}}}""");
        (await next).Should().BeTrue();
        events.Current.Type.Should().Be(WatchEventType.Modified);
        events.Current.Object!.Data!["k"].Should().Be("v");

        // Values need no newline between them, and several may come in one chunk.
        await WriteAsync(writer, """{"type":"BOOKMARK","object":{"kind":"ConfigMap","metadata":{"resourceVersion":"9"}}}{"type":"DELETED","object":{"metadata":{"name":"a","resourceVersion":"10"}}}""");
        (await events.MoveNextAsync()).Should().BeTrue();
        events.Current.Type.Should().Be(WatchEventType.Bookmark);
        events.Current.Object!.Metadata.ResourceVersion.Should().Be("9");
        (await events.MoveNextAsync()).Should().BeTrue();
        events.Current.Type.Should().Be(WatchEventType.Deleted);

        await writer.CompleteAsync();
        (await events.MoveNextAsync()).Should().BeFalse("the server ended the watch");
    }

    [Fact]
    public async Task An_error_event_with_410_is_surfaced_as_gone()
    {
        var (client, writer) = StreamingClient();
        await WriteAsync(writer, """{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"too old resource version: 1 (50)","reason":"Expired","code":410}}""" + "\n");
        await writer.CompleteAsync();
        var events = new List<WatchEvent<ConfigMap>>();
        await foreach (var e in client.Resource<ConfigMap>().WatchAsync("n", new WatchOptions { ResourceVersion = "1" }))
        {
            events.Add(e);
        }

        events.Should().ContainSingle();
        events[0].Type.Should().Be(WatchEventType.Error);
        events[0].IsGone.Should().BeTrue();
        events[0].Status!.Message.Should().Contain("too old");
        events[0].ToException().IsGone.Should().BeTrue();
    }

    [Fact]
    public async Task An_http_410_on_the_watch_request_throws_gone()
    {
        var client = TestClients.Create(new StubHandler(_ => FakeKubernetesApi.Status(HttpStatusCode.Gone, "Gone", "gone")));
        var act = async () =>
        {
            await foreach (var _ in client.Resource<ConfigMap>().WatchAsync("n"))
            {
            }
        };
        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.IsGone.Should().BeTrue();
    }

    [Fact]
    public async Task Cancelling_stops_a_blocked_watch()
    {
        var (client, _) = StreamingClient();
        using var cts = new CancellationTokenSource();
        var enumerator = client.Resource<ConfigMap>().WatchAsync("n", null, cts.Token).GetAsyncEnumerator();
        var next = enumerator.MoveNextAsync().AsTask();
        await cts.CancelAsync();
        await FluentActions.Awaiting(() => next).Should().ThrowAsync<OperationCanceledException>();
    }

    [Fact]
    public async Task The_fake_api_sends_410_for_compacted_versions()
    {
        var api = new FakeKubernetesApi();
        var client = TestClients.Create(api);
        api.Upsert("/api/v1", "configmaps", System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"name":"a","namespace":"n"}}""")!.AsObject());
        api.Compact();
        await foreach (var e in client.Resource<ConfigMap>().WatchAsync("n", new WatchOptions { ResourceVersion = "50" }))
        {
            e.IsGone.Should().BeTrue();
        }
    }
}
