using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class WatchTests : EmulatorTest
{
    protected override KubeEmulatorOptions Options() => new() { BookmarkInterval = TimeSpan.FromMilliseconds(200) };

    private static string Type(JsonObject? e) => e!["type"]!.GetValue<string>();

    private static string Name(JsonObject? e) => e!["object"]!["metadata"]!["name"]!.GetValue<string>();

    [Fact]
    public async Task Watch_without_revision_starts_with_current_objects_then_streams_changes()
    {
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a")));
        await using var w = await WatchReader.Open(K.Http, "/api/v1/namespaces/default/configmaps?watch=true");
        var first = await w.NextChange();
        Type(first).Should().Be("ADDED");
        Name(first).Should().Be("a");

        var b = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("b")));
        Type(await w.NextChange()).Should().Be("ADDED");
        b["data"]!["k"] = "2";
        await K.Ok(K.Put("/api/v1/namespaces/default/configmaps/b", b));
        var modified = await w.NextChange();
        Type(modified).Should().Be("MODIFIED");
        modified!["object"]!["data"]!["k"]!.GetValue<string>().Should().Be("2");
        await K.Ok(K.Delete("/api/v1/namespaces/default/configmaps/b"));
        var deleted = await w.NextChange();
        Type(deleted).Should().Be("DELETED");
        Name(deleted).Should().Be("b");
    }

    [Fact]
    public async Task Watch_from_revision_replays_later_changes_and_sends_bookmarks()
    {
        var a = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a")));
        var rv = a["metadata"]!["resourceVersion"]!.GetValue<string>();
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("b")));
        await K.Ok(K.Post("/api/v1/namespaces/default/secrets", new JsonObject { ["metadata"] = new JsonObject { ["name"] = "s" } }));

        await using var w = await WatchReader.Open(K.Http, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}&allowWatchBookmarks=true");
        var replayed = await w.NextChange();
        Type(replayed).Should().Be("ADDED");
        Name(replayed).Should().Be("b");
        var bookmark = await w.Next();
        Type(bookmark).Should().Be("BOOKMARK");
        long.Parse(bookmark!["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>()).Should().BeGreaterThan(long.Parse(rv));
        bookmark["object"]!["kind"]!.GetValue<string>().Should().Be("ConfigMap");
    }

    [Fact]
    public async Task Watch_from_a_compacted_revision_gets_410_Gone_as_an_error_event()
    {
        var a = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a")));
        var rv = a["metadata"]!["resourceVersion"]!.GetValue<string>();
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("b")));
        Api.CompactHistory();

        await using var w = await WatchReader.Open(K.Http, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}");
        var error = await w.Next();
        Type(error).Should().Be("ERROR");
        error!["object"]!["code"]!.GetValue<int>().Should().Be(410);
        error["object"]!["reason"]!.GetValue<string>().Should().Be("Expired");
        error["object"]!["message"]!.GetValue<string>().Should().StartWith("too old resource version");
        (await w.Next()).Should().BeNull("the stream ends after the error");
    }

    [Fact]
    public async Task Selectors_turn_objects_entering_and_leaving_into_added_and_deleted()
    {
        var a = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a", labels: new() { ["app"] = "no" })));
        var rv = a["metadata"]!["resourceVersion"]!.GetValue<string>();
        await using var w = await WatchReader.Open(K.Http, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={rv}&labelSelector=app%3Dyes");
        await K.Ok(K.Patch("/api/v1/namespaces/default/configmaps/a", "application/merge-patch+json", """{"metadata":{"labels":{"app":"yes"}}}"""));
        Type(await w.NextChange()).Should().Be("ADDED");
        await K.Ok(K.Patch("/api/v1/namespaces/default/configmaps/a", "application/merge-patch+json", """{"data":{"k":"x"}}"""));
        Type(await w.NextChange()).Should().Be("MODIFIED");
        await K.Ok(K.Patch("/api/v1/namespaces/default/configmaps/a", "application/merge-patch+json", """{"metadata":{"labels":{"app":"no"}}}"""));
        Type(await w.NextChange()).Should().Be("DELETED");
    }

    [Fact]
    public async Task Timeout_seconds_ends_the_stream()
    {
        await using var w = await WatchReader.Open(K.Http, "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1");
        (await w.NextChange(5)).Should().BeNull();
    }
}
