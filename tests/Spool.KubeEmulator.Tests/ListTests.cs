using System.Net;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class ListTests : EmulatorTest
{
    private async Task Seed()
    {
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a", labels: new() { ["app"] = "x", ["tier"] = "web" })));
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("b", labels: new() { ["app"] = "y" })));
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("c", labels: new() { ["app"] = "z", ["tier"] = "db" })));
        await K.Ok(K.Post("/api/v1/namespaces/kube-system/configmaps", Kube.ConfigMap("d", "kube-system", labels: new() { ["app"] = "x" })));
    }

    private static List<string> Names(JsonObject list) =>
        list["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).ToList();

    [Theory]
    [InlineData("app=x", "a")]
    [InlineData("app==x,tier=web", "a")]
    [InlineData("app!=x", "b,c")]
    [InlineData("app in (x,y)", "a,b")]
    [InlineData("app notin (x,y)", "c")]
    [InlineData("tier", "a,c")]
    [InlineData("!tier", "b")]
    public async Task Label_selectors(string selector, string expected)
    {
        await Seed();
        var list = await K.Ok(K.Get("/api/v1/namespaces/default/configmaps?labelSelector=" + Uri.EscapeDataString(selector)));
        Names(list).Should().Equal(expected.Split(','));
        list["kind"]!.GetValue<string>().Should().Be("ConfigMapList");
        list["items"]![0]!.AsObject().ContainsKey("kind").Should().BeFalse("typed lists omit item kinds");
    }

    [Fact]
    public async Task Field_selectors_and_all_namespaces()
    {
        await Seed();
        Names(await K.Ok(K.Get("/api/v1/configmaps?fieldSelector=metadata.namespace%3Dkube-system"))).Should().Equal("d");
        Names(await K.Ok(K.Get("/api/v1/namespaces/default/configmaps?fieldSelector=metadata.name!%3Da"))).Should().Equal("b", "c");
        var (code, body) = await K.Get("/api/v1/namespaces/default/configmaps?fieldSelector=data.k%3Dv");
        code.Should().Be(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().Should().Contain("field label not supported: data.k");
        var (badCode, _) = await K.Get("/api/v1/namespaces/default/configmaps?labelSelector=" + Uri.EscapeDataString("app in (x"));
        badCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Pagination_with_limit_and_continue_is_a_consistent_snapshot()
    {
        for (var i = 0; i < 5; i++)
        {
            await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap($"cm-{i}")));
        }
        var page1 = await K.Ok(K.Get("/api/v1/namespaces/default/configmaps?limit=2"));
        Names(page1).Should().Equal("cm-0", "cm-1");
        page1["metadata"]!["remainingItemCount"]!.GetValue<long>().Should().Be(3);
        var token = page1["metadata"]!["continue"]!.GetValue<string>();
        var listRv = page1["metadata"]!["resourceVersion"]!.GetValue<string>();

        // Changes after the first page do not show up in later pages of the same list.
        await K.Ok(K.Delete("/api/v1/namespaces/default/configmaps/cm-3"));
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("cm-9")));

        var page2 = await K.Ok(K.Get("/api/v1/namespaces/default/configmaps?limit=2&continue=" + Uri.EscapeDataString(token)));
        Names(page2).Should().Equal("cm-2", "cm-3");
        page2["metadata"]!["resourceVersion"]!.GetValue<string>().Should().Be(listRv);
        var page3 = await K.Ok(K.Get("/api/v1/namespaces/default/configmaps?limit=2&continue=" + Uri.EscapeDataString(page2["metadata"]!["continue"]!.GetValue<string>())));
        Names(page3).Should().Equal("cm-4");
        page3["metadata"]!.AsObject().ContainsKey("continue").Should().BeFalse();

        Api.CompactHistory();
        var (code, gone) = await K.Get("/api/v1/namespaces/default/configmaps?limit=2&continue=" + Uri.EscapeDataString(token));
        code.Should().Be(HttpStatusCode.Gone);
        gone["reason"]!.GetValue<string>().Should().Be("Expired");
    }
}
