using System.Net;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class CrudTests : EmulatorTest
{
    [Fact]
    public async Task Create_get_update_delete_with_status_bodies()
    {
        var created = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a")));
        created["metadata"]!["uid"]!.GetValue<string>().Should().NotBeEmpty();
        created["metadata"]!["creationTimestamp"]!.GetValue<string>().Should().EndWith("Z");
        var rv1 = long.Parse(created["metadata"]!["resourceVersion"]!.GetValue<string>());

        var (dupCode, dup) = await K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a"));
        dupCode.Should().Be(HttpStatusCode.Conflict);
        dup["kind"]!.GetValue<string>().Should().Be("Status");
        dup["reason"]!.GetValue<string>().Should().Be("AlreadyExists");
        dup["message"]!.GetValue<string>().Should().Be("configmaps \"a\" already exists");
        dup["details"]!["kind"]!.GetValue<string>().Should().Be("configmaps");

        created["data"]!["k"] = "changed";
        var updated = await K.Ok(K.Put("/api/v1/namespaces/default/configmaps/a", created));
        long.Parse(updated["metadata"]!["resourceVersion"]!.GetValue<string>()).Should().BeGreaterThan(rv1);

        // The body still carries the old resourceVersion: 409 Conflict.
        var (staleCode, stale) = await K.Put("/api/v1/namespaces/default/configmaps/a", created);
        staleCode.Should().Be(HttpStatusCode.Conflict);
        stale["reason"]!.GetValue<string>().Should().Be("Conflict");
        stale["message"]!.GetValue<string>().Should().Contain("the object has been modified");

        var (deleteCode, deleted) = await K.Delete("/api/v1/namespaces/default/configmaps/a");
        deleteCode.Should().Be(HttpStatusCode.OK);
        deleted["status"]!.GetValue<string>().Should().Be("Success");
        var (missingCode, missing) = await K.Get("/api/v1/namespaces/default/configmaps/a");
        missingCode.Should().Be(HttpStatusCode.NotFound);
        missing["message"]!.GetValue<string>().Should().Be("configmaps \"a\" not found");
    }

    [Fact]
    public async Task GenerateName_invalid_names_and_unknown_namespaces()
    {
        var body = Kube.ConfigMap("x");
        body["metadata"]!.AsObject().Remove("name");
        body["metadata"]!["generateName"] = "gen-";
        var created = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", body));
        created["metadata"]!["name"]!.GetValue<string>().Should().MatchRegex("^gen-[a-z0-9]{5}$");

        var (code, invalid) = await K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("Bad_Name"));
        code.Should().Be(HttpStatusCode.UnprocessableEntity);
        invalid["reason"]!.GetValue<string>().Should().Be("Invalid");
        invalid["message"]!.GetValue<string>().Should().StartWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain");

        var (nsCode, ns) = await K.Post("/api/v1/namespaces/nope/configmaps", Kube.ConfigMap("c", "nope"));
        nsCode.Should().Be(HttpStatusCode.NotFound);
        ns["message"]!.GetValue<string>().Should().Be("namespaces \"nope\" not found");

        var (kindCode, _) = await K.Post("/api/v1/namespaces/default/configmaps", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" } });
        kindCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unauthenticated_requests_get_401_and_unknown_resources_404()
    {
        using var anonymous = new HttpClient { BaseAddress = Api.BaseAddress };
        var response = await anonymous.GetAsync("/api/v1/namespaces");
        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await K.Get("/apis/nothing.example.com/v1/things")).Code.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ResourceVersions_increase_globally_across_kinds()
    {
        var a = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a")));
        var s = await K.Ok(K.Post("/api/v1/namespaces/default/secrets", new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "s" }, ["stringData"] = new JsonObject { ["p"] = "w" } }));
        var b = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("b")));
        long Rv(JsonObject o) => long.Parse(o["metadata"]!["resourceVersion"]!.GetValue<string>());
        Rv(s).Should().BeGreaterThan(Rv(a));
        Rv(b).Should().BeGreaterThan(Rv(s));
        s["data"]!["p"]!.GetValue<string>().Should().Be("dw==");
        s.ContainsKey("stringData").Should().BeFalse();

        // An update that changes nothing is a no-op: same resourceVersion.
        var same = await K.Ok(K.Put("/api/v1/namespaces/default/configmaps/a", a));
        Rv(same).Should().Be(Rv(a));
    }

    [Fact]
    public async Task Delete_preconditions_are_enforced()
    {
        var a = await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("a")));
        var (code, body) = await K.Delete("/api/v1/namespaces/default/configmaps/a", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = "other" } });
        code.Should().Be(HttpStatusCode.Conflict);
        body["message"]!.GetValue<string>().Should().Contain("Precondition failed: UID in precondition: other");
        var (rvCode, _) = await K.Delete("/api/v1/namespaces/default/configmaps/a", new JsonObject { ["preconditions"] = new JsonObject { ["resourceVersion"] = "1" } });
        rvCode.Should().Be(HttpStatusCode.Conflict);
        await K.Ok(K.Delete("/api/v1/namespaces/default/configmaps/a", new JsonObject { ["preconditions"] = new JsonObject { ["uid"] = a["metadata"]!["uid"]!.GetValue<string>() } }));
    }
}
