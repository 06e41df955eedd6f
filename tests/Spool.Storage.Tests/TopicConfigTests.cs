using Spool.Protocol.Configs;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

public sealed class TopicConfigTests
{
    [Fact]
    public void Defaults_are_kafkas()
    {
        var config = LogConfig.Default;
        config.RetentionMs.Should().Be(604_800_000);
        config.RetentionBytes.Should().Be(-1);
        config.SegmentBytes.Should().Be(1_073_741_824);
        config.SegmentMs.Should().Be(604_800_000);
        config.SegmentIndexBytes.Should().Be(10_485_760);
        config.IndexIntervalBytes.Should().Be(4096);
        config.MaxMessageBytes.Should().Be(1_048_588);
        config.MessageTimestampType.Should().Be(TimestampType.CreateTime);
        config.CleanupPolicy.Should().Be(CleanupPolicy.Delete);
        config.MinInSyncReplicas.Should().Be(1);
        config.FlushMessages.Should().Be(long.MaxValue);
        config.FlushMs.Should().Be(long.MaxValue);
        config.FileDeleteDelayMs.Should().Be(60_000);
        config.CompressionType.Should().Be("producer");
        config.UncleanLeaderElectionEnable.Should().BeFalse();
        config.MinCleanableDirtyRatio.Should().Be(0.5);
    }

    [Fact]
    public void The_catalog_lists_every_required_config_with_type_and_documentation()
    {
        string[] required =
        [
            "retention.ms", "retention.bytes", "segment.bytes", "segment.ms", "segment.index.bytes", "index.interval.bytes",
            "max.message.bytes", "message.timestamp.type", "cleanup.policy", "min.insync.replicas", "flush.messages", "flush.ms",
            "delete.retention.ms", "file.delete.delay.ms", "compression.type", "unclean.leader.election.enable",
            "message.timestamp.difference.max.ms", "message.timestamp.before.max.ms", "message.timestamp.after.max.ms",
            "min.compaction.lag.ms", "max.compaction.lag.ms", "min.cleanable.dirty.ratio",
        ];
        TopicConfigCatalog.All.Select(d => d.Name).Should().Contain(required);
        TopicConfigCatalog.All.Should().OnlyContain(d => d.Documentation.Length > 10 && d.Type != ConfigType.Unknown && d.Synonyms.Count > 0);
        TopicConfigCatalog.TryGet("retention.ms", out var retention).Should().BeTrue();
        retention!.Type.Should().Be(ConfigType.Long);
        retention.Synonyms.Select(s => s.Name).Should().Equal("log.retention.ms", "log.retention.minutes", "log.retention.hours");
        TopicConfigCatalog.TryGet("max.message.bytes", out var max).Should().BeTrue();
        max!.Synonyms.Single().Name.Should().Be("message.max.bytes");
    }

    [Theory]
    [InlineData("retention.ms", "abc", "Invalid value abc for configuration retention.ms: Not a number of type LONG")]
    [InlineData("retention.ms", "-2", "Invalid value -2 for configuration retention.ms: Value must be at least -1")]
    [InlineData("segment.bytes", "10", "Invalid value 10 for configuration segment.bytes: Value must be at least 14")]
    [InlineData("segment.bytes", "3000000000", "Invalid value 3000000000 for configuration segment.bytes: Not a number of type INT")]
    [InlineData("message.timestamp.type", "Wallclock", "Invalid value Wallclock for configuration message.timestamp.type: String must be one of: CreateTime, LogAppendTime")]
    [InlineData("cleanup.policy", "keep", "Invalid value keep for configuration cleanup.policy: String must be one of: compact, delete")]
    [InlineData("unclean.leader.election.enable", "yes", "Invalid value yes for configuration unclean.leader.election.enable: Expected value to be either true or false")]
    [InlineData("min.cleanable.dirty.ratio", "1.5", "Invalid value 1.5 for configuration min.cleanable.dirty.ratio: Value must be no more than 1")]
    [InlineData("compression.type", "brotli", "Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer")]
    [InlineData("no.such.config", "1", "Unknown topic config name: no.such.config")]
    public void Invalid_values_get_kafka_like_messages(string name, string value, string message) =>
        TopicConfigCatalog.Validate(name, value).Should().Be(message);

    [Theory]
    [InlineData("compact")]
    [InlineData("compact,delete")]
    [InlineData("delete, compact")]
    public void Compaction_policies_are_accepted(string policy)
    {
        TopicConfigCatalog.Validate("cleanup.policy", policy).Should().BeNull();
        var config = LogConfig.Create(new Dictionary<string, string?> { ["cleanup.policy"] = policy });
        config.CleanupPolicy.Should().HaveFlag(CleanupPolicy.Compact);
        config.CleanupPolicy.HasFlag(CleanupPolicy.Delete).Should().Be(policy.Contains("delete", StringComparison.Ordinal));
    }

    [Fact]
    public void A_compacted_topic_rolls_by_max_compaction_lag_when_it_is_shorter_than_segment_ms()
    {
        LogFixture.Config(("cleanup.policy", "compact"), ("max.compaction.lag.ms", "1000")).MaxSegmentMs.Should().Be(1000);
        LogFixture.Config(("cleanup.policy", "delete"), ("max.compaction.lag.ms", "1000")).MaxSegmentMs.Should().Be(604800000);
        LogFixture.Config(("cleanup.policy", "compact")).MaxSegmentMs.Should().Be(604800000);
    }

    [Fact]
    public void Broker_synonyms_supply_defaults_in_kafkas_precedence()
    {
        var defaults = LogDefaults.FromBrokerProperties(new Dictionary<string, string>
        {
            ["log.retention.hours"] = "24",
            ["log.retention.minutes"] = "30",
            ["log.segment.bytes"] = "1048576",
            ["message.max.bytes"] = "2000000",
            ["log.message.timestamp.type"] = "LogAppendTime",
            ["unrelated.property"] = "x",
        });
        var config = LogConfig.Create(new Dictionary<string, string?> { ["segment.bytes"] = "4096" }, defaults);

        config.RetentionMs.Should().Be(30 * 60_000);
        config.SegmentBytes.Should().Be(4096);
        config.MaxMessageBytes.Should().Be(2_000_000);
        config.MessageTimestampType.Should().Be(TimestampType.LogAppendTime);

        var retention = config.Describe("retention.ms")!;
        retention.Source.Should().Be(ConfigSource.StaticBrokerConfig);
        retention.Value.Should().Be("1800000");
        retention.Synonyms.Select(s => (s.Name, s.Value, s.Source)).Should().Equal(
            ("log.retention.minutes", "30", ConfigSource.StaticBrokerConfig),
            ("log.retention.hours", "24", ConfigSource.StaticBrokerConfig),
            ("log.retention.hours", "168", ConfigSource.DefaultConfig));

        var segment = config.Describe("segment.bytes")!;
        segment.Source.Should().Be(ConfigSource.DynamicTopicConfig);
        segment.Synonyms[0].Should().Be(new ConfigSynonymInfo("segment.bytes", "4096", ConfigSource.DynamicTopicConfig));

        var defaulted = LogConfig.Default.Describe("retention.ms")!;
        defaulted.IsDefault.Should().BeTrue();
        defaulted.Value.Should().Be("604800000");
    }

    [Fact]
    public void Invalid_broker_properties_are_reported_with_the_broker_name()
    {
        var act = () => LogDefaults.FromBrokerProperties(new Dictionary<string, string> { ["log.cleanup.policy"] = "shred" });
        act.Should().Throw<ConfigException>().WithMessage("*log.cleanup.policy*String must be one of: compact, delete*");
    }

    [Fact]
    public void Deprecated_timestamp_difference_applies_to_both_sides_when_they_are_not_set()
    {
        var config = LogConfig.Create(new Dictionary<string, string?>
        {
            ["message.timestamp.difference.max.ms"] = "5000",
            ["message.timestamp.after.max.ms"] = "100",
        });
        config.MessageTimestampBeforeMaxMs.Should().Be(5000);
        config.MessageTimestampAfterMaxMs.Should().Be(100);
    }

    [Fact]
    public void Cross_config_rules_and_nulls_are_checked()
    {
        LogConfig.TryCreate(
            new Dictionary<string, string?> { ["min.compaction.lag.ms"] = "10", ["max.compaction.lag.ms"] = "5" },
            null,
            out _,
            out var error).Should().BeFalse();
        error.Should().Contain("min.compaction.lag.ms");

        LogConfig.TryCreate(new Dictionary<string, string?> { ["retention.ms"] = null }, null, out _, out error).Should().BeFalse();
        error.Should().Be("Null value not supported for topic configs: retention.ms");
    }

    [Fact]
    public void A_config_can_be_rebased_on_new_broker_defaults()
    {
        var config = LogConfig.Create(new Dictionary<string, string?> { ["retention.ms"] = "1000" });
        var rebased = config.WithDefaults(LogDefaults.FromBrokerProperties(new Dictionary<string, string> { ["log.segment.bytes"] = "1000000" }));
        rebased.RetentionMs.Should().Be(1000);
        rebased.SegmentBytes.Should().Be(1_000_000);
        rebased.Overrides.Should().ContainKey("retention.ms").And.HaveCount(1);
    }
}
