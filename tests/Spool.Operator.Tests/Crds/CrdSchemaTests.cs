using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spool.Operator.Crds;
using Spool.Operator.Entities;

namespace Spool.Operator.Tests.Crds;

/// <summary>The generated schemas are structural and carry the validation the issue asks for.</summary>
public sealed class CrdSchemaTests
{
    private static readonly JsonObject Cluster = CrdGenerator.Generate<SpoolCluster, ClusterSpec, ClusterStatus>();
    private static readonly JsonObject Topic = CrdGenerator.Generate<SpoolTopic, TopicSpec, TopicStatus>();
    private static readonly JsonObject Group = CrdGenerator.Generate<SpoolConsumerGroup, ConsumerGroupSpec, ConsumerGroupStatus>();

    private static JsonNode Schema(JsonObject crd) => crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!;

    private static JsonNode Spec(JsonObject crd) => Schema(crd)["properties"]!["spec"]!["properties"]!;

    [Fact]
    public void Every_schema_node_is_structural()
    {
        foreach (var crd in new[] { Cluster, Topic, Group })
        {
            Untyped(Schema(crd), "openAPIV3Schema").Should().BeEmpty();
        }
    }

    [Fact]
    public void Names_scope_category_and_status_subresource()
    {
        Topic["metadata"]!["name"]!.GetValue<string>().Should().Be("topics.spool.dev");
        Topic["spec"]!["names"]!["categories"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("spool");
        Group["spec"]!["names"]!["shortNames"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Contain("cg");
        Cluster["spec"]!["versions"]![0]!["subresources"]!["status"].Should().NotBeNull();
        Cluster["spec"]!["scope"]!.GetValue<string>().Should().Be("Namespaced");
    }

    [Fact]
    public void Validation_and_defaults()
    {
        Spec(Topic)["partitions"]!["minimum"]!.GetValue<long>().Should().Be(1);
        Spec(Topic)["partitions"]!["default"]!.GetValue<int>().Should().Be(1);
        Spec(Topic)["clusterRef"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Equal("name");
        Spec(Cluster)["replicas"]!["minimum"]!.GetValue<long>().Should().Be(1);
        Spec(Cluster)["storage"]!["default"]!["size"]!.GetValue<string>().Should().Be("10Gi");
        Spec(Cluster)["storage"]!["properties"]!["onDelete"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("Keep", "Delete");
        Spec(Group)["resetOffsets"]!["properties"]!["to"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>())
            .Should().Equal("earliest", "latest", "timestamp", "offset", "shiftBy");
        Spec(Group)["resetOffsets"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().BeEquivalentTo(["to", "requestId"]);
        Spec(Group)["resetOffsets"]!["properties"]!["value"]!["x-kubernetes-int-or-string"]!.GetValue<bool>().Should().BeTrue();
        Spec(Group)["lagAlerting"]!["properties"]!["severity"]!["enum"]!.AsArray().Select(e => e!.GetValue<string>()).Should().Equal("info", "warning", "critical");
    }

    [Fact]
    public void Conditions_are_a_map_keyed_by_type()
    {
        var conditions = Schema(Topic)["properties"]!["status"]!["properties"]!["conditions"]!;
        conditions["x-kubernetes-list-type"]!.GetValue<string>().Should().Be("map");
        conditions["items"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()).Should().Contain("type");
    }

    [Theory]
    [InlineData("orders", true)]
    [InlineData("orders.v1_EU-west", true)]
    [InlineData("...", true)]
    [InlineData(".", false)]
    [InlineData("..", false)]
    [InlineData("with space", false)]
    [InlineData("slash/es", false)]
    [InlineData("ünïcode", false)]
    public void Topic_names_follow_kafka_rules(string name, bool legal) =>
        Regex.IsMatch(name, TopicSpec.NamePattern).Should().Be(legal);

    [Fact]
    public void Resource_quantities_accept_numbers_and_strings()
    {
        var requests = Spec(Cluster)["resources"]!["properties"]!["requests"]!["additionalProperties"]!;
        requests["x-kubernetes-int-or-string"]!.GetValue<bool>().Should().BeTrue();
        var pattern = requests["pattern"]!.GetValue<string>();
        Regex.IsMatch("500m", pattern).Should().BeTrue();
        Regex.IsMatch("2Gi", pattern).Should().BeTrue();
        Regex.IsMatch("two", pattern).Should().BeFalse();
    }

    private static IEnumerable<string> Untyped(JsonNode? schema, string path)
    {
        if (schema is not JsonObject node)
        {
            yield break;
        }

        if (node["type"] is null && node["x-kubernetes-int-or-string"] is null && node["x-kubernetes-preserve-unknown-fields"] is null)
        {
            yield return path;
        }

        foreach (var (name, child) in node["properties"] as JsonObject ?? [])
        {
            foreach (var miss in Untyped(child, $"{path}.{name}"))
            {
                yield return miss;
            }
        }

        foreach (var miss in Untyped(node["items"], path + "[]").Concat(Untyped(node["additionalProperties"], path + "{}")))
        {
            yield return miss;
        }
    }
}
