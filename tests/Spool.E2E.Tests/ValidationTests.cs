using System.Text.Json.Nodes;
using Spool.E2E.Tests.Harness;
using Spool.Kubernetes.Client;
using Spool.Operator.Entities;
using Spool.Operator.Yaml;

namespace Spool.E2E.Tests;

/// <summary>The generated CRD schemas at work: invalid resources are refused by the API with a message that says why.</summary>
[Collection(SpoolCollection.Name)]
public sealed class ValidationTests(SpoolFixture fixture)
{
    private SpoolEnvironment Env => fixture.Env;

    private async Task<string> RejectionAsync(ResourceType type, string json)
    {
        var body = JsonNode.Parse(json)!.AsObject();
        body["metadata"] = new JsonObject { ["name"] = "invalid", ["namespace"] = Env.Namespace };
        var create = () => Env.Client.Resource<JsonObject>(type).CreateAsync(body);
        var rejected = (await create.Should().ThrowAsync<KubernetesApiException>()).Which;
        rejected.IsInvalid.Should().BeTrue(rejected.Message);
        return rejected.Message;
    }

    [Fact]
    public async Task Partitions_must_be_positive() =>
        (await RejectionAsync(SpoolTopic.Resource, """{"spec":{"clusterRef":{"name":"events"},"partitions":0}}"""))
            .Should().Contain("spec.partitions").And.Contain("greater than or equal to 1");

    [Fact]
    public async Task Topic_names_follow_kafkas_rules() =>
        (await RejectionAsync(SpoolTopic.Resource, """{"spec":{"clusterRef":{"name":"events"},"topicName":"no spaces/or slashes"}}"""))
            .Should().Contain("spec.topicName").And.Contain("should match");

    [Fact]
    public async Task A_topic_needs_its_cluster() =>
        (await RejectionAsync(SpoolTopic.Resource, """{"spec":{"partitions":3}}""")).Should().Contain("spec.clusterRef").And.Contain("Required");

    [Fact]
    public async Task Reset_targets_are_an_enum() =>
        (await RejectionAsync(SpoolConsumerGroup.Resource, """{"spec":{"clusterRef":{"name":"events"},"resetOffsets":{"to":"yesterday","requestId":"r1"}}}"""))
            .Should().Contain("spec.resetOffsets.to").And.Contain("Unsupported value").And.Contain("earliest");

    [Fact]
    public async Task A_reset_needs_a_request_id() =>
        (await RejectionAsync(SpoolConsumerGroup.Resource, """{"spec":{"clusterRef":{"name":"events"},"resetOffsets":{"to":"earliest"}}}"""))
            .Should().Contain("spec.resetOffsets.requestId").And.Contain("Required");

    [Fact]
    public async Task Clusters_need_at_least_one_broker_and_a_storage_quantity()
    {
        (await RejectionAsync(SpoolCluster.Resource, """{"spec":{"replicas":0}}""")).Should().Contain("spec.replicas");
        (await RejectionAsync(SpoolCluster.Resource, """{"spec":{"storage":{"size":"ten gigs"}}}""")).Should().Contain("spec.storage.size");
        (await RejectionAsync(SpoolCluster.Resource, """{"spec":{"storage":{"onDelete":"Shred"}}}""")).Should().Contain("spec.storage.onDelete").And.Contain("Keep");
    }

    [Fact]
    public async Task Every_example_is_accepted()
    {
        var files = Directory.GetFiles(RepoPaths.Examples, "*.yaml");
        files.Should().NotBeEmpty();
        foreach (var file in files)
        {
            foreach (var document in YamlReader.ReadAll(await File.ReadAllTextAsync(file)))
            {
                var kind = document["kind"]!.GetValue<string>();
                var type = kind switch
                {
                    "Cluster" => SpoolCluster.Resource,
                    "Topic" => SpoolTopic.Resource,
                    "ConsumerGroup" => SpoolConsumerGroup.Resource,
                    _ => throw new InvalidOperationException($"{file}: unexpected kind {kind}"),
                };
                // Dry run: admitted and validated, stored nowhere (the names may exist already).
                var body = document.AsObject();
                body["metadata"]!["namespace"] = Env.Namespace;
                body["metadata"]!["name"] = "example-" + body["metadata"]!["name"]!.GetValue<string>();
                await Env.Client.Resource<JsonObject>(type).CreateAsync(body, new WriteOptions { DryRun = true });
            }
        }
    }
}
