using Spool.Client.Admin;
using Spool.Client.Tests.Fakes;
using Spool.Protocol.Configs;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Admin;

public sealed class ConfigAdminTests
{
    [Fact]
    public async Task Describes_topic_configs_with_sources_synonyms_and_documentation()
    {
        await using var cluster = new FakeCluster();
        cluster.CreateTopic("t").Configs["retention.ms"] = "1000";
        await using var admin = TestClients.Admin(cluster);

        var configs = await admin.DescribeConfigAsync(ConfigResource.Topic("t"), new DescribeConfigsOptions { IncludeSynonyms = true, IncludeDocumentation = true });

        var retention = configs.Get("retention.ms")!;
        retention.Value.Should().Be("1000");
        retention.Source.Should().Be(ConfigSource.DynamicTopicConfig);
        retention.IsDefault.Should().BeFalse();
        retention.Synonyms.Should().ContainSingle().Which.Should().Be(new ConfigSynonym("log.retention.ms", "604800000", ConfigSource.DefaultConfig));
        retention.Type.Should().Be(ConfigType.Long);
    }

    [Fact]
    public async Task Broker_configs_are_asked_of_that_broker()
    {
        await using var cluster = new FakeCluster(brokers: 2);
        await using var admin = TestClients.Admin(cluster);

        var configs = await admin.DescribeConfigAsync(ConfigResource.Broker(1));

        configs.Get("num.partitions")!.Source.Should().Be(ConfigSource.StaticBrokerConfig);
        cluster.Servers[1].ReceivedOf<DescribeConfigsRequest>().Should().ContainSingle();
        cluster.Servers[0].ReceivedOf<DescribeConfigsRequest>().Should().BeEmpty();
    }

    [Fact]
    public async Task Incremental_alter_sets_and_deletes_single_configs()
    {
        await using var cluster = new FakeCluster();
        var topic = cluster.CreateTopic("t");
        topic.Configs["cleanup.policy"] = "delete";
        topic.Configs["retention.ms"] = "1";
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.IncrementalAlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>>
        {
            [ConfigResource.Topic("t")] = [AlterConfigOp.Set("segment.bytes", "1048576"), AlterConfigOp.Delete("retention.ms")],
        });

        results.EnsureSuccess();
        topic.Configs.Should().BeEquivalentTo(new Dictionary<string, string?> { ["cleanup.policy"] = "delete", ["segment.bytes"] = "1048576" });
    }

    [Fact]
    public async Task Legacy_alter_replaces_all_configs_and_reports_missing_topics()
    {
        await using var cluster = new FakeCluster();
        var topic = cluster.CreateTopic("t");
        topic.Configs["cleanup.policy"] = "delete";
        await using var admin = TestClients.Admin(cluster);

        var results = await admin.AlterConfigsAsync(new Dictionary<ConfigResource, IReadOnlyDictionary<string, string?>>
        {
            [ConfigResource.Topic("t")] = new Dictionary<string, string?> { ["retention.ms"] = "5" },
            [ConfigResource.Topic("missing")] = new Dictionary<string, string?> { ["retention.ms"] = "5" },
        });

        results[0].Error.Should().BeNull();
        results[1].Error!.Error.Should().Be(ErrorCode.UnknownTopicOrPartition);
        topic.Configs.Should().BeEquivalentTo(new Dictionary<string, string?> { ["retention.ms"] = "5" });
    }
}
