using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Client;

public sealed class PaginationTests
{
    private static FakeKubernetesApi Seed(int count)
    {
        var api = new FakeKubernetesApi();
        for (var i = 0; i < count; i++)
        {
            api.Upsert("/api/v1", "pods", JsonNode.Parse($$$"""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p{{{i:D3}}}","namespace":"n","labels":{"app":"{{{(i % 2 == 0 ? "even" : "odd")}}}"}},"status":{"podIP":"10.0.0.{{{i}}}"}}""")!.AsObject());
        }

        return api;
    }

    [Fact]
    public async Task A_page_carries_the_continue_token_and_version()
    {
        var api = Seed(5);
        var client = TestClients.Create(api);
        var page = await client.Resource<Pod>().ListAsync("n", new ListOptions { Limit = 2 });
        page.Items.Select(p => p.Metadata.Name).Should().Equal("p000", "p001");
        page.Metadata.Continue.Should().NotBeNullOrEmpty();
        page.Metadata.RemainingItemCount.Should().Be(3);
        page.Metadata.ResourceVersion.Should().Be(api.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.Items[1].Status!.PodIP.Should().Be("10.0.0.1");
    }

    [Fact]
    public async Task ListAll_follows_continue_tokens()
    {
        var api = Seed(7);
        var client = TestClients.Create(api);
        var names = new List<string>();
        await foreach (var pod in client.Resource<Pod>().ListAllAsync("n", new ListOptions { Limit = 3, LabelSelector = "app=even" }))
        {
            names.Add(pod.Metadata.Name!);
        }

        names.Should().Equal("p000", "p002", "p004", "p006");
        api.Requests.Select(r => r.PathAndQuery).Should().Equal(
            "/api/v1/namespaces/n/pods?labelSelector=app%3Deven&limit=3",
            "/api/v1/namespaces/n/pods?labelSelector=app%3Deven&limit=3&continue=3");
    }
}
