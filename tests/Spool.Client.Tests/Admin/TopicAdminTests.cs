using Spool.Client.Admin;
using Spool.Client.Tests.Fakes;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Admin;

public sealed class TopicAdminTests
{
    [Fact]
    public async Task Creates_lists_describes_and_deletes_topics()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        await using var admin = TestClients.Admin(cluster);

        var topic = new NewTopic("orders", 4, 1);
        topic.Configs["retention.ms"] = "1000";
        var created = await admin.CreateTopicAsync(topic);
        created.NumPartitions.Should().Be(4);
        created.TopicId.Should().Be(cluster.Topics["orders"].Id);
        created.Configs.Should().ContainSingle(c => c.Name == "retention.ms" && c.Value == "1000");
        cluster.Topics["orders"].Configs["retention.ms"].Should().Be("1000");

        (await admin.ListTopicsAsync()).Select(t => t.Name).Should().Equal("orders");
        var described = await admin.DescribeTopicAsync("orders");
        described.TopicId.Should().Be(cluster.Topics["orders"].Id);
        described.Partitions.Select(p => p.Leader).Should().Equal(0, 1, 0, 1);
        described.Partitions[1].Replicas.Should().Equal(1);
        described.Partitions[1].Isr.Should().Equal(1);

        await admin.DeleteTopicAsync("orders");
        cluster.Topics.Should().BeEmpty();
        (await admin.ListTopicsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Per_topic_failures_carry_the_error_code_and_broker_message()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("exists");
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.CreateTopicsAsync([new NewTopic("exists", 1), new NewTopic("fresh", 2)]);

        results[0].Error!.Error.Should().Be(ErrorCode.TopicAlreadyExists);
        results[0].Error!.ServerMessage.Should().Contain("Topic 'exists' already exists.");
        results[1].Error.Should().BeNull();
        results.Invoking(r => r.EnsureSuccess()).Should().Throw<KafkaException>().Which.Error.Should().Be(ErrorCode.TopicAlreadyExists);
        var single = await admin.Invoking(a => a.CreateTopicAsync(new NewTopic("exists"))).Should().ThrowAsync<KafkaException>();
        single.Which.Message.Should().StartWith("TOPIC_ALREADY_EXISTS");
    }

    [Fact]
    public async Task Validate_only_creates_nothing()
    {
        await using var cluster = new FakeCluster();
        await using var admin = TestClients.Admin(cluster);

        var result = await admin.CreateTopicAsync(new NewTopic("t", 3), new CreateTopicsOptions { ValidateOnly = true });

        result.NumPartitions.Should().Be(3);
        cluster.Topics.Should().BeEmpty();
        cluster.ReceivedOf<CreateTopicsRequest>().Single().ValidateOnly.Should().BeTrue();
    }

    [Fact]
    public async Task Not_controller_refreshes_metadata_and_retries_only_the_failed_topics()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        var refused = 0;
        cluster.Interceptor = (context, request) =>
        {
            if (request is CreateTopicsRequest create && create.Topics.Any(t => t.Name == "b") && Interlocked.Increment(ref refused) == 1)
            {
                // The first attempt creates "a" but refuses "b"; the controller moves to node 1.
                cluster.Topics["a"] = new FakeTopic("a", Uuid.NewRandom());
                cluster.ControllerId = 1;
                return new CreateTopicsResponse
                {
                    Topics =
                    [
                        new CreateTopicsResponse.CreatableTopicResult { Name = "a" },
                        new CreateTopicsResponse.CreatableTopicResult { Name = "b", ErrorCode = (short)ErrorCode.NotController },
                    ],
                };
            }

            return null;
        };
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.CreateTopicsAsync([new NewTopic("a", 1), new NewTopic("b", 1)]);

        results.Should().OnlyContain(r => r.Error == null);
        var retry = cluster.Servers[1].ReceivedOf<CreateTopicsRequest>().Single();
        retry.Topics.Select(t => t.Name).Should().Equal("b");
        cluster.ReceivedOf<MetadataRequest>().Count().Should().BeGreaterThan(1);
    }

    [Fact]
    public async Task Describing_a_missing_topic_reports_unknown_topic()
    {
        await using var cluster = new FakeCluster();
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.DescribeTopicsAsync(["nope"]);

        results[0].Error!.Error.Should().Be(ErrorCode.UnknownTopicOrPartition);
        cluster.ReceivedOf<MetadataRequest>().Should().OnlyContain(m => !m.AllowAutoTopicCreation);
    }

    [Fact]
    public async Task Partitions_can_be_increased_but_not_decreased()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t", 2);
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.CreatePartitionsAsync(new Dictionary<string, NewPartitions> { ["t"] = new(6) });
        results.EnsureSuccess();
        cluster.Topics["t"].Partitions.Should().HaveCount(6);
        cluster.ReceivedOf<CreatePartitionsRequest>().Single().Topics[0].Assignments.Should().BeNull();

        var lower = await admin.CreatePartitionsAsync(new Dictionary<string, NewPartitions> { ["t"] = new(3) });
        lower[0].Error!.Error.Should().Be(ErrorCode.InvalidPartitions);
    }

    [Fact]
    public async Task Describes_the_cluster_and_log_dirs()
    {
        await using var cluster = new FakeCluster(brokers: 3);
        cluster.ControllerId = 2;
        cluster.CreateTopic("t", 3);
        await using var admin = TestClients.Admin(cluster);

        var description = await admin.DescribeClusterAsync();
        description.ClusterId.Should().Be("fake-cluster-id");
        description.Controller!.NodeId.Should().Be(2);
        description.Brokers.Select(b => b.NodeId).Should().Equal(0, 1, 2);
        description.Brokers[1].Rack.Should().Be("rack-1");

        var dirs = await admin.DescribeLogDirsAsync([1]);
        dirs.Should().ContainSingle();
        dirs[0].Path.Should().Be("/fake/data");
        dirs[0].TotalBytes.Should().Be(1000);
        dirs[0].Replicas.Should().HaveCount(3);
    }

    [Fact]
    public async Task Describe_cluster_falls_back_to_metadata_on_old_brokers()
    {
        await using var cluster = new FakeCluster();
        cluster.Servers[0].SupportedVersions.Remove(ApiKey.DescribeCluster);
        await using var admin = TestClients.Admin(cluster);

        var description = await admin.DescribeClusterAsync();

        description.ClusterId.Should().Be("fake-cluster-id");
        description.Brokers.Should().ContainSingle();
    }
}
