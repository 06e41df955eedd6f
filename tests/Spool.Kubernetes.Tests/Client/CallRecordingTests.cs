using System.Net;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Client;

public sealed class CallRecordingTests
{
    [Fact]
    public async Task Every_call_is_recorded_with_its_rbac_attributes()
    {
        var handler = new StubHandler(request => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(request.RequestUri!.Query.Contains("watch=true", StringComparison.Ordinal)
                ? ""
                : """{"apiVersion":"v1","kind":"List","metadata":{"name":"a","namespace":"n"},"items":[]}"""),
        });
        var client = TestClients.Create(handler);
        var recorder = new KubernetesCallRecorder();
        client.AddObserver(recorder);

        var sts = client.Resource<StatefulSet>();
        await sts.ListAsync("n");
        await foreach (var _ in sts.WatchAsync("n"))
        {
        }

        await sts.TryGetAsync("n", "a");
        await sts.CreateAsync(new StatefulSet { Metadata = new() { Name = "a", Namespace = "n" } });
        await sts.ReplaceAsync(new StatefulSet { Metadata = new() { Name = "a", Namespace = "n" } });
        await sts.PatchStatusAsync("n", "a", KubernetesPatch.Merge("{}"));
        await sts.ApplyAsync(new StatefulSet { Metadata = new() { Name = "a", Namespace = "n" } });
        await sts.DeleteAsync("n", "a");
        await client.Resource<CustomResourceDefinition>().ListAsync(null);
        await client.Discovery.GetResourcesAsync("monitoring.coreos.com", "v1");

        recorder.Calls.Select(c => c.ToString()).Should().Equal(
            "list apps/statefulsets -n n",
            "watch apps/statefulsets -n n",
            "get apps/statefulsets -n n a",
            "create apps/statefulsets -n n",
            "update apps/statefulsets -n n a",
            "patch apps/statefulsets/status -n n a",
            "patch apps/statefulsets -n n a",
            "delete apps/statefulsets -n n a",
            "list apiextensions.k8s.io/customresourcedefinitions",
            "get /apis/monitoring.coreos.com/v1");
        recorder.Calls[6].IsApply.Should().BeTrue();
        recorder.Permissions().Should().Contain(("create", "apps", "statefulsets")).And.Contain(("patch", "apps", "statefulsets/status"));
    }

    [Fact]
    public async Task Calls_that_fail_are_recorded_too()
    {
        var client = TestClients.Create(new StubHandler(_ => FakeKubernetesApi.Status(HttpStatusCode.Forbidden, "Forbidden", "no")));
        var recorder = new KubernetesCallRecorder();
        client.AddObserver(recorder);
        var act = () => client.Resource<Secret>().GetAsync("n", "s");
        (await act.Should().ThrowAsync<KubernetesApiException>()).Which.IsForbidden.Should().BeTrue();
        recorder.Calls.Should().ContainSingle().Which.Should().Be(new KubernetesCall("get", "", "secrets", null, "n", "s"));
    }

    [Fact]
    public void Policy_rules_match_like_the_rbac_authorizer()
    {
        var rules = new List<PolicyRule>
        {
            new() { ApiGroups = ["apps"], Resources = ["statefulsets"], Verbs = ["get", "list", "watch", "patch"] },
            new() { ApiGroups = ["spool.dev"], Resources = ["clusters/status"], Verbs = ["update", "patch"] },
            new() { ApiGroups = [""], Resources = ["configmaps"], Verbs = ["*"], ResourceNames = ["only-this"] },
            new() { NonResourceUrls = ["/apis/*"], Verbs = ["get"] },
        };
        bool Allowed(KubernetesCall call) => PolicyRule.Allow(rules, call);

        Allowed(new("list", "apps", "statefulsets", null, "n", null)).Should().BeTrue();
        Allowed(new("delete", "apps", "statefulsets", null, "n", "a")).Should().BeFalse();
        Allowed(new("patch", "apps", "statefulsets", null, "n", "a", IsApply: true)).Should().BeFalse("an apply that creates also needs create");
        Allowed(new("patch", "spool.dev", "clusters", "status", "n", "c")).Should().BeTrue();
        Allowed(new("patch", "spool.dev", "clusters", null, "n", "c")).Should().BeFalse("the status rule does not cover the main resource");
        Allowed(new("get", "", "configmaps", null, "n", "only-this")).Should().BeTrue();
        Allowed(new("get", "", "configmaps", null, "n", "other")).Should().BeFalse();
        Allowed(new("get", "", null, null, null, null, "/apis/monitoring.coreos.com/v1")).Should().BeTrue();
    }
}
