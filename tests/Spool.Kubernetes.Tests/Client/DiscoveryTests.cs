using System.Net;
using System.Text;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Client;

public sealed class DiscoveryTests
{
    private static HttpResponseMessage Json(string json) => new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static StubHandler Server() => new(request => request.RequestUri!.AbsolutePath switch
    {
        "/api" => Json("""{"kind":"APIVersions","versions":["v1"]}"""),
        "/apis" => Json("""{"kind":"APIGroupList","apiVersion":"v1","groups":[{"name":"monitoring.coreos.com","versions":[{"groupVersion":"monitoring.coreos.com/v1","version":"v1"}],"preferredVersion":{"groupVersion":"monitoring.coreos.com/v1","version":"v1"}}]}"""),
        "/apis/monitoring.coreos.com/v1" => Json("""{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"monitoring.coreos.com/v1","resources":[{"name":"servicemonitors","singularName":"servicemonitor","namespaced":true,"kind":"ServiceMonitor","verbs":["get","list","watch","create","update","patch","delete"]},{"name":"prometheusrules","singularName":"prometheusrule","namespaced":true,"kind":"PrometheusRule","verbs":["get"]}]}"""),
        _ => FakeKubernetesApi.Status(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource"),
    });

    [Fact]
    public async Task Lists_groups_and_resources()
    {
        var client = TestClients.Create(Server());
        (await client.Discovery.GetCoreVersionsAsync()).Versions.Should().Equal("v1");
        var groups = await client.Discovery.GetGroupsAsync();
        groups.Groups.Should().ContainSingle().Which.PreferredVersion!.Version.Should().Be("v1");
        var resources = await client.Discovery.GetResourcesAsync("monitoring.coreos.com", "v1");
        resources!.Resources!.Select(r => r.Kind).Should().Equal("ServiceMonitor", "PrometheusRule");
        resources.Resources![0].Namespaced.Should().BeTrue();
    }

    [Fact]
    public async Task Detects_whether_the_prometheus_operator_crds_are_served()
    {
        var client = TestClients.Create(Server());
        (await client.Discovery.IsServedAsync("monitoring.coreos.com", "v1", "servicemonitors")).Should().BeTrue();
        (await client.Discovery.IsServedAsync("monitoring.coreos.com", "v1", "podmonitors")).Should().BeFalse();
        (await client.Discovery.IsServedAsync("monitoring.coreos.com", "v1alpha1", "servicemonitors")).Should().BeFalse("a missing group version is a 404");
    }
}
