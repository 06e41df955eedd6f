using System.Net;
using System.Text;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Client;

public sealed class ErrorDecodingTests
{
    [Theory]
    [InlineData(404, "NotFound")]
    [InlineData(409, "Conflict")]
    [InlineData(409, "AlreadyExists")]
    [InlineData(410, "Expired")]
    [InlineData(403, "Forbidden")]
    [InlineData(422, "Invalid")]
    public async Task Status_bodies_become_typed_exceptions(int code, string reason)
    {
        var client = TestClients.Create(new StubHandler(_ => FakeKubernetesApi.Status((HttpStatusCode)code, reason, "the message")));
        var act = () => client.Resource<ConfigMap>().GetAsync("n", "a");
        var ex = (await act.Should().ThrowAsync<KubernetesApiException>()).Which;
        ex.StatusCode.Should().Be(code);
        ex.Reason.Should().Be(reason);
        ex.Status.Message.Should().Be("the message");
        ex.Message.Should().Contain("the message");
        ex.IsNotFound.Should().Be(reason == "NotFound");
        ex.IsConflict.Should().Be(reason == "Conflict");
        ex.IsAlreadyExists.Should().Be(reason == "AlreadyExists");
        ex.IsGone.Should().Be(reason == "Expired");
        ex.IsForbidden.Should().Be(reason == "Forbidden");
        ex.IsInvalid.Should().Be(reason == "Invalid");
    }

    [Fact]
    public async Task A_body_that_is_not_a_status_falls_back_to_the_http_code()
    {
        var client = TestClients.Create(new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("<html>nope</html>") }));
        var ex = (await ((Func<Task>)(() => client.Resource<ConfigMap>().GetAsync("n", "a"))).Should().ThrowAsync<KubernetesApiException>()).Which;
        ex.IsNotFound.Should().BeTrue();
        ex.Status.Message.Should().Contain("nope");
    }

    [Fact]
    public async Task TryGet_returns_null_for_not_found()
    {
        var client = TestClients.Create(new StubHandler(_ => FakeKubernetesApi.Status(HttpStatusCode.NotFound, "NotFound", "x")));
        (await client.Resource<ConfigMap>().TryGetAsync("n", "a")).Should().BeNull();
    }

    [Fact]
    public async Task Too_many_requests_with_retry_after_is_retried()
    {
        var calls = 0;
        var handler = new StubHandler(_ =>
        {
            if (++calls == 1)
            {
                var busy = FakeKubernetesApi.Status(HttpStatusCode.TooManyRequests, "TooManyRequests", "slow down");
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromMilliseconds(1));
                return busy;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"metadata":{"name":"a"}}""", Encoding.UTF8, "application/json") };
        });
        var client = TestClients.Create(handler);
        (await client.Resource<ConfigMap>().GetAsync("n", "a")).Metadata.Name.Should().Be("a");
        calls.Should().Be(2);
    }

    [Fact]
    public async Task Unauthorized_rereads_the_token_once()
    {
        var directory = Directory.CreateTempSubdirectory();
        try
        {
            var tokenPath = Path.Combine(directory.FullName, "token");
            await File.WriteAllTextAsync(tokenPath, "old");
            var handler = new StubHandler(request =>
            {
                if (request.Headers.Authorization!.Parameter == "new")
                {
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"metadata":{"name":"a"}}""") };
                }

                // The kubelet rotated the token just before the server rejected the old one.
                File.WriteAllText(tokenPath, "new");
                return FakeKubernetesApi.Status(HttpStatusCode.Unauthorized, "Unauthorized", "expired token");
            });
            var client = new KubernetesClient(new() { Server = new Uri("http://kube.test"), TokenSource = new FileTokenSource(tokenPath, new ManualTimeProvider()) }, null, handler);

            (await client.Resource<ConfigMap>().GetAsync("n", "a")).Metadata.Name.Should().Be("a");
            handler.Requests.Select(r => r.Request.Headers.Authorization!.Parameter).Should().Equal("old", "new");
        }
        finally
        {
            directory.Delete(true);
        }
    }

    [Fact]
    public async Task A_persistent_unauthorized_is_thrown_after_one_retry()
    {
        var handler = new StubHandler(_ => FakeKubernetesApi.Status(HttpStatusCode.Unauthorized, "Unauthorized", "no"));
        var client = new KubernetesClient(new() { Server = new Uri("http://kube.test"), TokenSource = new StaticTokenSource("t") }, null, handler);
        var act = () => client.Resource<ConfigMap>().GetAsync("n", "a");
        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.IsUnauthorized.Should().BeTrue();
        handler.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task Retry_on_conflict_rereads_until_the_write_succeeds()
    {
        var api = new FakeKubernetesApi();
        api.Upsert("/api/v1", "configmaps", System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"n"},"data":{"n":"0"}}""")!.AsObject());
        var client = TestClients.Create(api);
        var configMaps = client.Resource<ConfigMap>();
        var attempts = 0;
        var result = await configMaps.UpdateAsync("n", "a", cm =>
        {
            if (++attempts == 1)
            {
                // Someone else writes between our read and our write.
                api.Upsert("/api/v1", "configmaps", System.Text.Json.Nodes.JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"n"},"data":{"n":"1","other":"x"}}""")!.AsObject());
            }

            cm.Data!["n"] = (int.Parse(cm.Data["n"], System.Globalization.CultureInfo.InvariantCulture) + 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return true;
        });
        attempts.Should().Be(2);
        result.Data.Should().BeEquivalentTo(new Dictionary<string, string> { ["n"] = "11", ["other"] = "x" });
        api.Requests.Count(r => r.Method == "PUT").Should().Be(2);
    }
}
