using System.Net;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class StatefulSetTests : EmulatorTest
{
    private const string Sts = "/apis/apps/v1/namespaces/default/statefulsets";

    private static JsonObject StatefulSet(int replicas, string image = "broker:1", string policy = "OrderedReady") => JsonNode.Parse("""
        {
          "apiVersion": "apps/v1", "kind": "StatefulSet", "metadata": {"name": "web"},
          "spec": {
            "replicas": REPLICAS, "serviceName": "web-headless", "podManagementPolicy": "POLICY",
            "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
              "spec": {"containers": [{"name": "c", "image": "IMAGE", "ports": [{"containerPort": 9092, "name": "kafka"}]}]}},
            "volumeClaimTemplates": [{"metadata": {"name": "data"}, "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}]
          }
        }
        """.Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("POLICY", policy, StringComparison.Ordinal).Replace("IMAGE", image, StringComparison.Ordinal))!.AsObject();

    private async Task<JsonObject> Pods() => await K.Ok(K.Get("/api/v1/namespaces/default/pods?labelSelector=app%3Dweb"));

    private async Task<bool> StatusIs(int ready, int updated)
    {
        var s = (await K.Get(Sts + "/web")).Body["status"];
        return s?["readyReplicas"]?.GetValue<int>() == ready && s["updatedReplicas"]?.GetValue<int>() == updated
            && s["currentRevision"]?.GetValue<string>() == s["updateRevision"]?.GetValue<string>();
    }

    [Fact]
    public async Task Creates_pods_and_claims_in_order_and_reports_status()
    {
        var rvStart = (await K.Ok(K.Get("/api/v1/namespaces/default/pods")))["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchReader.Open(K.Http, $"/api/v1/namespaces/default/pods?watch=true&resourceVersion={rvStart}");
        await K.Ok(K.Post(Sts, StatefulSet(3)));
        await Kube.Eventually(() => StatusIs(3, 3), "all three pods become ready");

        var added = new List<string>();
        while (added.Count < 3)
        {
            var e = await watch.NextChange();
            if (e!["type"]!.GetValue<string>() == "ADDED")
            {
                added.Add(e["object"]!["metadata"]!["name"]!.GetValue<string>());
            }
        }
        added.Should().Equal("web-0", "web-1", "web-2");

        var pod = await K.Ok(K.Get("/api/v1/namespaces/default/pods/web-1"));
        pod["metadata"]!["labels"]!["statefulset.kubernetes.io/pod-name"]!.GetValue<string>().Should().Be("web-1");
        pod["metadata"]!["labels"]!["controller-revision-hash"]!.GetValue<string>().Should().StartWith("web-");
        pod["metadata"]!["ownerReferences"]![0]!["kind"]!.GetValue<string>().Should().Be("StatefulSet");
        pod["spec"]!["hostname"]!.GetValue<string>().Should().Be("web-1");
        pod["spec"]!["subdomain"]!.GetValue<string>().Should().Be("web-headless");
        pod["spec"]!["volumes"]![0]!["persistentVolumeClaim"]!["claimName"]!.GetValue<string>().Should().Be("data-web-1");
        pod["status"]!["podIP"]!.GetValue<string>().Should().Be("127.0.0.1");
        var claim = await K.Ok(K.Get("/api/v1/namespaces/default/persistentvolumeclaims/data-web-1"));
        await Kube.Eventually(async () => (await K.Get("/api/v1/namespaces/default/persistentvolumeclaims/data-web-1")).Body["status"]?["phase"]?.GetValue<string>() == "Bound", "claims bind");
        claim["metadata"]!["labels"]!["app"]!.GetValue<string>().Should().Be("web");

        // The pod's declared port maps to a real loopback port, published and resolvable through the headless service.
        var ports = JsonNode.Parse(pod["metadata"]!["annotations"]!["kube-emulator.spool.dev/ports"]!.GetValue<string>())!;
        var actual = ports["9092"]!.GetValue<int>();
        Api.Endpoints.Resolve("web-1.web-headless.default.svc.cluster.local", 9092)!.Port.Should().Be(actual);

        // Scale down: highest ordinals go, claims stay (Retain).
        await K.Ok(K.Patch(Sts + "/web", "application/merge-patch+json", """{"spec":{"replicas":1}}"""));
        await Kube.Eventually(async () => (await Pods())["items"]!.AsArray().Count == 1, "scaled down to one pod");
        (await Pods())["items"]![0]!["metadata"]!["name"]!.GetValue<string>().Should().Be("web-0");
        (await K.Get("/api/v1/namespaces/default/persistentvolumeclaims/data-web-2")).Code.Should().Be(HttpStatusCode.OK);

        // Deleting the set collects its pods (ownerReferences), claims are retained.
        await K.Ok(K.Delete(Sts + "/web"));
        await Kube.Eventually(async () => (await Pods())["items"]!.AsArray().Count == 0, "pods are garbage collected");
        (await K.Get("/api/v1/namespaces/default/persistentvolumeclaims/data-web-0")).Code.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Rolling_update_replaces_highest_ordinal_first_and_honours_the_partition()
    {
        await K.Ok(K.Post(Sts, StatefulSet(3)));
        await Kube.Eventually(() => StatusIs(3, 3), "three ready pods");
        var rv = (await K.Ok(K.Get("/api/v1/namespaces/default/pods")))["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var watch = await WatchReader.Open(K.Http, $"/api/v1/namespaces/default/pods?watch=true&resourceVersion={rv}");

        await K.Ok(K.Patch(Sts + "/web", "application/merge-patch+json", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"broker:2","ports":[{"containerPort":9092,"name":"kafka"}]}]}}}}"""));
        var deleted = new List<string>();
        while (deleted.Count < 3)
        {
            var e = await watch.NextChange(20);
            if (e!["type"]!.GetValue<string>() == "DELETED")
            {
                deleted.Add(e["object"]!["metadata"]!["name"]!.GetValue<string>());
            }
        }
        deleted.Should().Equal("web-2", "web-1", "web-0");
        await Kube.Eventually(() => StatusIs(3, 3), "all pods at the new revision");
        foreach (var item in (await Pods())["items"]!.AsArray())
        {
            item!["spec"]!["containers"]![0]!["image"]!.GetValue<string>().Should().Be("broker:2");
        }

        // A partition keeps ordinals below it at the old revision.
        await K.Ok(K.Patch(Sts + "/web", "application/merge-patch+json",
            """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}},"template":{"spec":{"containers":[{"name":"c","image":"broker:3","ports":[{"containerPort":9092,"name":"kafka"}]}]}}}}"""));
        await Kube.Eventually(async () => (await K.Get(Sts + "/web")).Body["status"]?["updatedReplicas"]?.GetValue<int>() == 1
            && (await K.Get(Sts + "/web")).Body["status"]?["readyReplicas"]?.GetValue<int>() == 3, "only web-2 is updated");
        var images = (await Pods())["items"]!.AsArray().ToDictionary(p => p!["metadata"]!["name"]!.GetValue<string>(), p => p!["spec"]!["containers"]![0]!["image"]!.GetValue<string>());
        images.Should().Equal(new Dictionary<string, string> { ["web-0"] = "broker:2", ["web-1"] = "broker:2", ["web-2"] = "broker:3" });

        var (code, forbidden) = await K.Patch(Sts + "/web", "application/merge-patch+json", """{"spec":{"serviceName":"other"}}""");
        code.Should().Be(HttpStatusCode.UnprocessableEntity);
        forbidden["message"]!.GetValue<string>().Should().Contain("updates to statefulset spec for fields other than");
    }
}
