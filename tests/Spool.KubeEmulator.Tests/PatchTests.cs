using System.Net;

namespace Spool.KubeEmulator.Tests;

public sealed class PatchTests : EmulatorTest
{
    private const string Path = "/api/v1/namespaces/default/configmaps/a";

    [Fact]
    public async Task Merge_patch_merges_objects_and_null_deletes()
    {
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a", data: new() { ["x"] = "1", ["y"] = "2" })));
        var patched = await K.Ok(K.Patch(Path, "application/merge-patch+json", """{"data":{"x":null,"z":"3"},"metadata":{"labels":{"l":"v"}}}"""));
        patched["data"]!.ToJsonString().Should().Be("""{"y":"2","z":"3"}""");
        patched["metadata"]!["labels"]!["l"]!.GetValue<string>().Should().Be("v");
        (await K.Patch("/api/v1/namespaces/default/configmaps/none", "application/merge-patch+json", "{}")).Code.Should().Be(HttpStatusCode.NotFound);
        var (conflict, _) = await K.Patch(Path, "application/merge-patch+json", """{"metadata":{"resourceVersion":"1"}}""");
        conflict.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Json_patch_ops_and_failed_test_op()
    {
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a", data: new() { ["x"] = "1" })));
        var patched = await K.Ok(K.Patch(Path, "application/json-patch+json",
            """[{"op":"add","path":"/data/y","value":"2"},{"op":"replace","path":"/data/x","value":"9"},{"op":"test","path":"/data/y","value":"2"},{"op":"copy","from":"/data/x","path":"/data/z"},{"op":"remove","path":"/data/y"}]"""));
        patched["data"]!.ToJsonString().Should().Be("""{"x":"9","z":"9"}""");
        var (code, body) = await K.Patch(Path, "application/json-patch+json", """[{"op":"test","path":"/data/x","value":"nope"}]""");
        code.Should().Be(HttpStatusCode.UnprocessableEntity);
        body["kind"]!.GetValue<string>().Should().Be("Status");
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        await K.Ok(K.Post("/apis/apps/v1/namespaces/default/deployments", new
        {
            apiVersion = "apps/v1",
            kind = "Deployment",
            metadata = new { name = "d" },
            spec = new
            {
                selector = new { matchLabels = new { app = "d" } },
                template = new
                {
                    metadata = new { labels = new { app = "d" } },
                    spec = new { containers = new object[] { new { name = "a", image = "a:1" }, new { name = "b", image = "b:1" } } },
                },
            },
        }));
        var patched = await K.Ok(K.Patch("/apis/apps/v1/namespaces/default/deployments/d", "application/strategic-merge-patch+json",
            """{"spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"}]}}}}"""));
        var containers = patched["spec"]!["template"]!["spec"]!["containers"]!.AsArray();
        containers.Should().HaveCount(2);
        containers[1]!["image"]!.GetValue<string>().Should().Be("b:2");
        containers[0]!["imagePullPolicy"]!.GetValue<string>().Should().Be("IfNotPresent", "the apiserver defaults pod templates");
    }

    [Fact]
    public async Task Server_side_apply_creates_tracks_owners_conflicts_and_forces()
    {
        const string apply = "application/apply-patch+yaml";
        var created = await K.Ok(K.Patch(Path + "?fieldManager=alpha", apply, """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: a
              labels: {team: alpha}
            data:
              shared: "1"
              alphaOnly: "x"
            """));
        created["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>().Should().Be("alpha");
        created["metadata"]!["managedFields"]![0]!["operation"]!.GetValue<string>().Should().Be("Apply");
        created["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:data"]!["f:shared"].Should().NotBeNull();

        // Another manager setting the same field to another value conflicts.
        var (code, conflict) = await K.Patch(Path + "?fieldManager=beta", apply, """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: a}
            data: {shared: "2"}
            """);
        code.Should().Be(HttpStatusCode.Conflict);
        conflict["message"]!.GetValue<string>().Should().Be("Apply failed with 1 conflict: conflict with \"alpha\": .data.shared");
        conflict["details"]!["causes"]![0]!["field"]!.GetValue<string>().Should().Be(".data.shared");

        // Same value: shared ownership, no conflict.
        await K.Ok(K.Patch(Path + "?fieldManager=beta", apply, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {shared: \"1\"}\n"));

        var forced = await K.Ok(K.Patch(Path + "?fieldManager=beta&force=true", apply, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {shared: \"3\"}\n"));
        forced["data"]!["shared"]!.GetValue<string>().Should().Be("3");

        // alpha stops applying alphaOnly: it is removed, since nobody else owns it.
        var reapplied = await K.Ok(K.Patch(Path + "?fieldManager=alpha", apply, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {team: alpha}}\ndata: {}\n"));
        reapplied["data"]!.AsObject().ContainsKey("alphaOnly").Should().BeFalse();
        reapplied["data"]!["shared"]!.GetValue<string>().Should().Be("3");

        (await K.Patch(Path, apply, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n")).Code.Should().Be(HttpStatusCode.BadRequest, "apply needs a fieldManager");
    }

    [Fact]
    public async Task Update_by_another_manager_conflicts_with_later_apply()
    {
        await K.Ok(K.Patch(Path + "?fieldManager=op", "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: \"1\"}\n"));
        await K.Ok(K.Patch(Path + "?fieldManager=human", "application/merge-patch+json", """{"data":{"k":"2"}}"""));
        var (code, body) = await K.Patch(Path + "?fieldManager=op", "application/apply-patch+yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: \"1\"}\n");
        code.Should().Be(HttpStatusCode.Conflict);
        body["message"]!.GetValue<string>().Should().Be("Apply failed with 1 conflict: conflict with \"human\" using v1: .data.k");
    }
}
