using Microsoft.Extensions.Logging.Abstractions;
using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Testing;

namespace Spool.Broker.Tests.Metadata;

public sealed class MetadataManagerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Topics_are_created_validated_and_survive_a_restart()
    {
        Uuid id;
        using (var m = Start())
        {
            var created = await m.CreateTopicAsync("orders", 3, 1, null, new Dictionary<string, string?> { ["retention.ms"] = "1000" }, validateOnly: false);
            created.Error.Should().Be(ErrorCode.None);
            created.Topic!.Partitions.Should().HaveCount(3);
            id = created.Topic.Id;

            (await m.CreateTopicAsync("orders", 1, 1, null, new Dictionary<string, string?>(), false)).Error.Should().Be(ErrorCode.TopicAlreadyExists);
            (await m.CreateTopicAsync("orders_x", 1, 1, null, new Dictionary<string, string?>(), false)).Error.Should().Be(ErrorCode.None);
            (await m.CreateTopicAsync("orders.x", 1, 1, null, new Dictionary<string, string?>(), false)).Error.Should().Be(ErrorCode.InvalidTopicException, "'.' and '_' collide");
            (await m.CreateTopicAsync("bad name", 1, 1, null, new Dictionary<string, string?>(), false)).Error.Should().Be(ErrorCode.InvalidTopicException);
            (await m.CreateTopicAsync("p0", 0, 1, null, new Dictionary<string, string?>(), false)).Error.Should().Be(ErrorCode.InvalidPartitions);
            var rf = await m.CreateTopicAsync("rf3", 1, 3, null, new Dictionary<string, string?>(), false);
            rf.Error.Should().Be(ErrorCode.InvalidReplicationFactor);
            rf.Message.Should().Contain("only 1 broker(s) are registered");
            (await m.CreateTopicAsync("cfg", 1, 1, null, new Dictionary<string, string?> { ["retention.ms"] = "soon" }, false)).Error.Should().Be(ErrorCode.InvalidConfig);
            (await m.CreateTopicAsync("cfg", 1, 1, null, new Dictionary<string, string?> { ["no.such.config"] = "1" }, false)).Error.Should().Be(ErrorCode.InvalidConfig);
            (await m.CreateTopicAsync("dry", 4, -1, null, new Dictionary<string, string?>(), validateOnly: true)).Error.Should().Be(ErrorCode.None);
            m.Image.Topics.Should().NotContainKey("dry", "validate-only creates nothing");
        }

        using var again = Start();
        again.Image.Topics["orders"].Id.Should().Be(id);
        again.Image.Topics["orders"].Configs.Should().Contain("retention.ms", "1000");
        again.Image.Topics.Keys.Should().BeEquivalentTo("orders", "orders_x");
    }

    [Fact]
    public async Task Partitions_only_grow_and_configs_change_and_topics_delete()
    {
        using var m = Start();
        await m.CreateTopicAsync("t", 2, 1, null, new Dictionary<string, string?>(), false);
        (await m.CreatePartitionsAsync("t", 1, null, false)).Error.Should().Be(ErrorCode.InvalidPartitions);
        (await m.CreatePartitionsAsync("t", 2, null, false)).Error.Should().Be(ErrorCode.InvalidPartitions);
        (await m.CreatePartitionsAsync("t", 5, null, validateOnly: true)).Error.Should().Be(ErrorCode.None);
        m.Image.Topics["t"].Partitions.Should().HaveCount(2);
        (await m.CreatePartitionsAsync("t", 5, null, false)).Topic!.Partitions.Select(p => p.Index).Should().Equal(0, 1, 2, 3, 4);

        (await m.AlterTopicConfigsAsync("t", [new ConfigChange("retention.ms", "5")], false)).Error.Should().Be(ErrorCode.None);
        (await m.AlterTopicConfigsAsync("t", [new ConfigChange("retention.ms", null)], false)).Topic!.Configs.Should().BeEmpty();

        (await m.DeleteTopicAsync("t")).Error.Should().Be(ErrorCode.None);
        (await m.DeleteTopicAsync("t")).Error.Should().Be(ErrorCode.UnknownTopicOrPartition);
        m.Image.Topics.Should().BeEmpty();
    }

    [Fact]
    public async Task Producer_id_blocks_never_overlap_across_restarts()
    {
        long lastOfFirst;
        using (var m = Start())
        {
            var (first, last) = await m.AllocateProducerIdBlockAsync(1000);
            first.Should().Be(0);
            lastOfFirst = last;
            (await m.AllocateProducerIdBlockAsync(1000)).First.Should().Be(1000);
        }

        using var again = Start();
        (await again.AllocateProducerIdBlockAsync(10)).First.Should().BeGreaterThan(lastOfFirst + 1000);
    }

    [Fact]
    public void A_log_dir_of_another_node_is_refused()
    {
        using (Start())
        {
        }

        var act = () => Start(nodeId: 5);
        act.Should().Throw<BrokerConfigException>().WithMessage("*node.id 0*");
    }

    private MetadataManager Start(int nodeId = 0)
    {
        var config = BrokerConfig.FromDictionary(new Dictionary<string, string>
        {
            ["node.id"] = nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["log.dirs"] = Path.Combine(_dir.Path, "data"),
        });
        var manager = new MetadataManager(config, new StorageTopicConfigPolicy(), NullLogger<MetadataManager>.Instance);
        manager.Start();
        manager.RegisterSelfAsync([new BrokerEndpoint("PLAINTEXT", "localhost", 9092)]).GetAwaiter().GetResult();
        return manager;
    }
}
