using System.Net;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

public sealed class CrdTests : EmulatorTest
{
    private const string Topics = "/apis/spool.dev/v1alpha1/namespaces/default/topics";

    public static JsonObject TopicCrd() => JsonNode.Parse("""
        {
          "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
          "metadata": {"name": "topics.spool.dev"},
          "spec": {
            "group": "spool.dev", "scope": "Namespaced",
            "names": {"plural": "topics", "singular": "topic", "kind": "Topic", "shortNames": ["tp"], "categories": ["spool"]},
            "versions": [{
              "name": "v1alpha1", "served": true, "storage": true,
              "subresources": {"status": {}},
              "additionalPrinterColumns": [{"name": "Partitions", "type": "integer", "jsonPath": ".spec.partitions"}],
              "schema": {"openAPIV3Schema": {
                "type": "object",
                "properties": {
                  "spec": {
                    "type": "object", "required": ["clusterRef"],
                    "properties": {
                      "clusterRef": {"type": "string", "minLength": 1},
                      "partitions": {"type": "integer", "minimum": 1, "default": 1},
                      "replicationFactor": {"type": "integer", "minimum": 1, "maximum": 5, "exclusiveMaximum": true},
                      "cleanup": {"type": "string", "enum": ["delete", "compact"]},
                      "topicName": {"type": "string", "pattern": "^[a-z.]+$", "maxLength": 10},
                      "retention": {"x-kubernetes-int-or-string": true},
                      "config": {"type": "object", "additionalProperties": {"type": "string"}},
                      "tags": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
                      "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true}
                    }
                  },
                  "status": {"type": "object", "properties": {"partitions": {"type": "integer"}}}
                }
              }}
            }]
          }
        }
        """)!.AsObject();

    private static JsonObject Topic(string name, JsonObject spec) => new()
    {
        ["apiVersion"] = "spool.dev/v1alpha1", ["kind"] = "Topic", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec,
    };

    private async Task Register()
    {
        await K.Ok(K.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TopicCrd()));
        await Kube.Eventually(async () => (await K.Get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/topics.spool.dev")).Body["status"]?["conditions"]?.AsArray()
            .Any(c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True") == true, "the CRD becomes Established");
    }

    [Fact]
    public async Task Crd_is_served_with_discovery()
    {
        await Register();
        var group = await K.Ok(K.Get("/apis/spool.dev"));
        group["preferredVersion"]!["version"]!.GetValue<string>().Should().Be("v1alpha1");
        var groups = await K.Ok(K.Get("/apis"));
        groups["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).Should().Contain("spool.dev");
        var resources = await K.Ok(K.Get("/apis/spool.dev/v1alpha1"));
        var topics = resources["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "topics")!;
        topics["kind"]!.GetValue<string>().Should().Be("Topic");
        topics["namespaced"]!.GetValue<bool>().Should().BeTrue();
        topics["shortNames"]![0]!.GetValue<string>().Should().Be("tp");
        topics["categories"]![0]!.GetValue<string>().Should().Be("spool");
        topics["verbs"]!.AsArray().Select(v => v!.GetValue<string>()).Should().Contain(["get", "list", "watch", "create", "update", "patch", "delete"]);
        resources["resources"]!.AsArray().Should().Contain(r => r!["name"]!.GetValue<string>() == "topics/status");

        var list = await K.Ok(K.Get(Topics));
        list["kind"]!.GetValue<string>().Should().Be("TopicList");
    }

    [Theory]
    [InlineData("""{"clusterRef":"c","partitions":-1}""", "Topic.spool.dev \"t\" is invalid: spec.partitions: Invalid value: -1: spec.partitions in body should be greater than or equal to 1")]
    [InlineData("""{"partitions":2}""", "Topic.spool.dev \"t\" is invalid: spec.clusterRef: Required value")]
    [InlineData("""{"clusterRef":"c","cleanup":"never"}""", "Topic.spool.dev \"t\" is invalid: spec.cleanup: Unsupported value: \"never\": supported values: \"delete\", \"compact\"")]
    [InlineData("""{"clusterRef":"c","topicName":"UP"}""", "Topic.spool.dev \"t\" is invalid: spec.topicName: Invalid value: \"UP\": spec.topicName in body should match '^[a-z.]+$'")]
    [InlineData("""{"clusterRef":"c","topicName":"abcdefghijk"}""", "Topic.spool.dev \"t\" is invalid: spec.topicName: Too long: may not be longer than 10")]
    [InlineData("""{"clusterRef":"c","replicationFactor":5}""", "Topic.spool.dev \"t\" is invalid: spec.replicationFactor: Invalid value: 5: spec.replicationFactor in body should be less than 5")]
    [InlineData("""{"clusterRef":"c","partitions":"six"}""", "Topic.spool.dev \"t\" is invalid: spec.partitions: Invalid value: \"string\": spec.partitions in body must be of type integer: \"string\"")]
    [InlineData("""{"clusterRef":"c","tags":["a","b","c"]}""", "Topic.spool.dev \"t\" is invalid: spec.tags: Too many: 3: must have at most 2 items")]
    [InlineData("""{"clusterRef":"c","retention":true}""", "Topic.spool.dev \"t\" is invalid: spec.retention: Invalid value: \"boolean\": spec.retention in body must be of type integer,string: \"boolean\"")]
    [InlineData("""{"clusterRef":"","config":{"a":1}}""", "Topic.spool.dev \"t\" is invalid: [spec.clusterRef: Invalid value: \"\": spec.clusterRef in body should be at least 1 chars long, spec.config.a: Invalid value: \"integer\": spec.config.a in body must be of type string: \"integer\"]")]
    public async Task Invalid_custom_resources_get_422_with_apiserver_messages(string spec, string message)
    {
        await Register();
        var (code, body) = await K.Post(Topics, Topic("t", JsonNode.Parse(spec)!.AsObject()));
        code.Should().Be(HttpStatusCode.UnprocessableEntity);
        body["reason"]!.GetValue<string>().Should().Be("Invalid");
        body["message"]!.GetValue<string>().Should().Be(message);
        body["details"]!["group"]!.GetValue<string>().Should().Be("spool.dev");
        body["details"]!["kind"]!.GetValue<string>().Should().Be("Topic");
    }

    [Fact]
    public async Task Defaults_are_applied_and_unknown_fields_pruned_with_a_warning()
    {
        await Register();
        using var request = new HttpRequestMessage(HttpMethod.Post, Topics)
        {
            Content = new StringContent(Topic("t", JsonNode.Parse("""{"clusterRef":"c","bogus":1,"extra":{"anything":{"goes":true}},"retention":"7d"}""")!.AsObject()).ToJsonString(),
                System.Text.Encoding.UTF8, "application/json"),
        };
        using var response = await K.Http.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        response.Headers.GetValues("Warning").Should().Contain(w => w.Contains("unknown field \\\"spec.bogus\\\""));
        var t = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        t["spec"]!["partitions"]!.GetValue<int>().Should().Be(1);
        t["spec"]!.AsObject().ContainsKey("bogus").Should().BeFalse();
        t["spec"]!["extra"]!["anything"]!["goes"]!.GetValue<bool>().Should().BeTrue();
        t["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);

        var (strict, body) = await K.Post(Topics + "?fieldValidation=Strict", Topic("u", JsonNode.Parse("""{"clusterRef":"c","bogus":1}""")!.AsObject()));
        strict.Should().Be(HttpStatusCode.BadRequest);
        body["message"]!.GetValue<string>().Should().Be("strict decoding error: unknown field \"spec.bogus\"");
    }

    [Fact]
    public async Task Custom_resource_status_subresource_and_generation()
    {
        await Register();
        await K.Ok(K.Post(Topics, Topic("t", new JsonObject { ["clusterRef"] = "c", ["partitions"] = 6 })));
        var status = await K.Ok(K.Patch(Topics + "/t/status", "application/merge-patch+json", """{"status":{"partitions":6}}"""));
        status["status"]!["partitions"]!.GetValue<int>().Should().Be(6);
        status["metadata"]!["generation"]!.GetValue<long>().Should().Be(1);
        var spec = await K.Ok(K.Patch(Topics + "/t", "application/merge-patch+json", """{"spec":{"partitions":12},"status":{"partitions":99}}"""));
        spec["metadata"]!["generation"]!.GetValue<long>().Should().Be(2);
        spec["status"]!["partitions"]!.GetValue<int>().Should().Be(6);
        (await K.Patch(Topics + "/t", "application/strategic-merge-patch+json", "{}")).Code.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Deleting_the_crd_deletes_its_resources_and_stops_serving()
    {
        await Register();
        await K.Ok(K.Post(Topics, Topic("t", new JsonObject { ["clusterRef"] = "c" })));
        await K.Ok(K.Delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/topics.spool.dev"));
        await Kube.Eventually(async () => (await K.Get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/topics.spool.dev")).Code == HttpStatusCode.NotFound,
            "the CRD is removed after its resources");
        (await K.Get(Topics)).Code.Should().Be(HttpStatusCode.NotFound);
        (await K.Post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1", ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = "wrong.spool.dev" },
            ["spec"] = TopicCrd()["spec"]!.DeepClone(),
        })).Code.Should().Be(HttpStatusCode.UnprocessableEntity);
    }
}
