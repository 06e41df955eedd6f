using System.Net;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class LifecycleTests : EmulatorTest
{
    private static object Deployment(string name, int replicas = 1) => new
    {
        apiVersion = "apps/v1",
        kind = "Deployment",
        metadata = new { name },
        spec = new
        {
            replicas,
            selector = new { matchLabels = new { app = name } },
            template = new { metadata = new { labels = new { app = name } }, spec = new { containers = new[] { new { name = "c", image = "i:1" } } } },
        },
    };

    private static long Generation(JsonObject o) => o["metadata"]!["generation"]!.GetValue<long>();

    [Fact]
    public async Task Status_subresource_is_separate_and_generation_counts_spec_changes()
    {
        const string path = "/apis/apps/v1/namespaces/default/deployments/d";
        var created = await K.Ok(K.Post("/apis/apps/v1/namespaces/default/deployments", Deployment("d")));
        Generation(created).Should().Be(1);

        created["status"] = new JsonObject { ["replicas"] = 5 };
        var mainWrite = await K.Ok(K.Put(path, created));
        mainWrite["status"]!.AsObject().ContainsKey("replicas").Should().BeFalse("writes to the main resource ignore status");
        Generation(mainWrite).Should().Be(1);

        var status = await K.Ok(K.Patch(path + "/status", "application/merge-patch+json", """{"status":{"replicas":3},"spec":{"replicas":9}}"""));
        status["status"]!["replicas"]!.GetValue<int>().Should().Be(3);
        status["spec"]!["replicas"]!.GetValue<int>().Should().Be(1, "writes to /status ignore everything else");
        Generation(status).Should().Be(1);

        var labelled = await K.Ok(K.Patch(path, "application/merge-patch+json", """{"metadata":{"labels":{"x":"y"}}}"""));
        Generation(labelled).Should().Be(1, "metadata changes do not bump generation");
        var scaled = await K.Ok(K.Patch(path, "application/merge-patch+json", """{"spec":{"replicas":2}}"""));
        Generation(scaled).Should().Be(2);

        (await K.Get("/api/v1/namespaces/default/configmaps/x/status")).Code.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Finalizers_hold_deletion_until_removed_and_cannot_be_added_while_deleting()
    {
        const string path = "/api/v1/namespaces/default/configmaps/f";
        var cm = Kube.ConfigMap("f");
        cm["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", cm));

        var deleting = await K.Ok(K.Delete(path));
        deleting["metadata"]!["deletionTimestamp"].Should().NotBeNull();
        deleting["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>().Should().Be(0);
        var still = await K.Ok(K.Get(path));
        still["metadata"]!["deletionTimestamp"].Should().NotBeNull();

        var (code, invalid) = await K.Patch(path, "application/merge-patch+json", """{"metadata":{"finalizers":["example.com/hold","example.com/new"]}}""");
        code.Should().Be(HttpStatusCode.UnprocessableEntity);
        invalid["message"]!.GetValue<string>().Should().Contain("metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted");

        await K.Ok(K.Patch(path, "application/merge-patch+json", """{"metadata":{"finalizers":null}}"""));
        (await K.Get(path)).Code.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<(JsonObject Owner, JsonObject Dependent)> OwnerAndDependent(bool block)
    {
        var owner = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("owner")));
        var dependent = Kube.ConfigMap("dependent");
        var ownerRef = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = owner["metadata"]!["uid"]!.DeepClone(),
        };
        if (block)
        {
            ownerRef["blockOwnerDeletion"] = true;
        }
        dependent["metadata"]!["ownerReferences"] = new JsonArray(ownerRef);
        dependent["metadata"]!["finalizers"] = new JsonArray("example.com/slow");
        return (owner, await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", dependent)));
    }

    private async Task<bool> Exists(string name) => (await K.Get($"/api/v1/namespaces/default/configmaps/{name}")).Code == HttpStatusCode.OK;

    [Fact]
    public async Task Background_deletion_collects_dependents()
    {
        await OwnerAndDependent(block: false);
        await K.Ok(K.Delete("/api/v1/namespaces/default/configmaps/owner", new { propagationPolicy = "Background" }));
        (await Exists("owner")).Should().BeFalse();
        await Kube.Eventually(async () => (await K.Get("/api/v1/namespaces/default/configmaps/dependent")).Body["metadata"]?["deletionTimestamp"] is not null,
            "the garbage collector deletes the dependent");
        await K.Ok(K.Patch("/api/v1/namespaces/default/configmaps/dependent", "application/merge-patch+json", """{"metadata":{"finalizers":null}}"""));
        (await Exists("dependent")).Should().BeFalse();
    }

    [Fact]
    public async Task Foreground_deletion_waits_for_blocking_dependents()
    {
        await OwnerAndDependent(block: true);
        var owner = await K.Ok(K.Delete("/api/v1/namespaces/default/configmaps/owner", new { propagationPolicy = "Foreground" }));
        owner["metadata"]!["finalizers"]!.AsArray().Select(f => f!.GetValue<string>()).Should().Contain("foregroundDeletion");
        await Kube.Eventually(async () => (await K.Get("/api/v1/namespaces/default/configmaps/dependent")).Body["metadata"]?["deletionTimestamp"] is not null,
            "dependents are deleted first");
        (await Exists("owner")).Should().BeTrue("the owner waits for its blocking dependent");
        await K.Ok(K.Patch("/api/v1/namespaces/default/configmaps/dependent", "application/merge-patch+json", """{"metadata":{"finalizers":null}}"""));
        await Kube.Eventually(async () => !await Exists("owner"), "the owner goes once its dependents are gone");
    }

    [Fact]
    public async Task Orphan_deletion_releases_dependents()
    {
        await OwnerAndDependent(block: false);
        await K.Ok(K.Delete("/api/v1/namespaces/default/configmaps/owner", new { propagationPolicy = "Orphan" }));
        await Kube.Eventually(async () => !await Exists("owner"), "the owner goes once the orphan finalizer is handled");
        var dependent = await K.Ok(K.Get("/api/v1/namespaces/default/configmaps/dependent"));
        dependent["metadata"]!.AsObject().ContainsKey("ownerReferences").Should().BeFalse();
        dependent["metadata"]!.AsObject().ContainsKey("deletionTimestamp").Should().BeFalse();
    }

    [Fact]
    public async Task Namespace_deletion_removes_its_contents_then_itself()
    {
        await K.Ok(K.Post("/api/v1/namespaces", new { apiVersion = "v1", kind = "Namespace", metadata = new { name = "team" } }));
        await K.Ok(K.Post("/api/v1/namespaces/team/configmaps", Kube.ConfigMap("a", "team")));
        var ns = await K.Ok(K.Delete("/api/v1/namespaces/team"));
        ns["status"]!["phase"]!.GetValue<string>().Should().Be("Terminating");
        var (code, forbidden) = await K.Post("/api/v1/namespaces/team/configmaps", Kube.ConfigMap("b", "team"));
        if (code != HttpStatusCode.NotFound)
        {
            code.Should().Be(HttpStatusCode.Forbidden);
            forbidden["message"]!.GetValue<string>().Should().Contain("because it is being terminated");
        }
        await Kube.Eventually(async () => (await K.Get("/api/v1/namespaces/team")).Code == HttpStatusCode.NotFound, "the namespace is finalized");
        (await K.Get("/api/v1/namespaces/team/configmaps/a")).Code.Should().Be(HttpStatusCode.NotFound);
    }
}
