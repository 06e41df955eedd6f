using Spool.Broker.Configuration;
using Spool.Testing;

namespace Spool.Broker.Tests.Configuration;

public class ConfigLoaderTests
{
    [Fact]
    public void File_then_overrides_then_environment()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "server.properties");
        File.WriteAllText(file, "node.id=1\nnum.partitions=3\nlog.dirs=/from/file\n");
        var env = new Dictionary<string, string> { ["SPOOL_LOG_DIRS"] = "/from/env", ["SPOOL_BOOTSTRAP"] = "ignored:9092", ["PATH"] = "/bin" };

        var config = ConfigLoader.Load([file, "--override", "num.partitions=6", "--override", "node.id=2"], env);

        config.NodeId.Should().Be(2);
        config.NumPartitions.Should().Be(6);
        config.LogDirs.Should().Equal("/from/env");
        config.SourceOf("log.dirs").Should().Be(ConfigOrigin.Environment);
        config.SourceOf("num.partitions").Should().Be(ConfigOrigin.CommandLine);
        config.IsSet("bootstrap").Should().BeFalse("only known keys come from SPOOL_* variables");
    }

    [Fact]
    public void Defaults_describe_a_single_node_developer_run()
    {
        var config = ConfigLoader.Load([], new Dictionary<string, string>());
        config.NodeId.Should().Be(0);
        config.ProcessRoles.Should().Equal("broker", "controller");
        config.Listeners.Should().ContainSingle().Which.Should().Be(new ListenerEndpoint("PLAINTEXT", "localhost", 9092));
        config.AdvertisedListeners.Should().Equal(config.Listeners);
        config.LogDirs.Should().Equal("./data");
        config.HttpListeners.Should().Equal("http://0.0.0.0:9644");
        config.LogRetentionMs.Should().Be(168L * 3_600_000);
    }

    [Theory]
    [InlineData("node.id=abc", "node.id")]
    [InlineData("auto.create.topics.enable=maybe", "auto.create.topics.enable")]
    [InlineData("listeners=nonsense", "Listener")]
    public void Invalid_values_are_refused_with_the_key(string kv, string expected)
    {
        var act = () => ConfigLoader.Load(["--override", kv], new Dictionary<string, string>());
        act.Should().Throw<BrokerConfigException>().WithMessage($"*{expected}*");
    }

    [Fact]
    public void Retention_resolves_ms_before_minutes_before_hours()
    {
        ConfigLoader.Load(["--override", "log.retention.minutes=2"], new Dictionary<string, string>()).LogRetentionMs.Should().Be(120_000);
        ConfigLoader.Load(["--override", "log.retention.minutes=2", "--override", "log.retention.ms=5"], new Dictionary<string, string>()).LogRetentionMs.Should().Be(5);
    }

    [Theory]
    [InlineData("")]
    [InlineData("0@localhost:9093")]
    [InlineData("0@spool-0.spool-headless.ns.svc:9093")]
    public void A_quorum_of_this_node_alone_is_accepted(string voters)
    {
        var config = ConfigLoader.Load(["--override", "node.id=0", "--override", "controller.quorum.voters=" + voters], new Dictionary<string, string>());
        config.NodeId.Should().Be(0);
    }

    [Theory]
    [InlineData("0@a:9093,1@b:9093,2@c:9093", "*names other nodes (1@b:9093, 2@c:9093)*not available*")]
    [InlineData("1@b:9093", "*names other nodes (1@b:9093)*")]
    [InlineData("zero@a:9093", "*Invalid value zero@a:9093*id@host:port*")]
    [InlineData("0@a", "*Invalid value 0@a*")]
    [InlineData("0@:9093", "*Invalid value 0@:9093*")]
    public void Other_voters_or_malformed_voters_are_refused(string voters, string message)
    {
        var act = () => ConfigLoader.Load(["--override", "node.id=0", "--override", "controller.quorum.voters=" + voters], new Dictionary<string, string>());
        act.Should().Throw<BrokerConfigException>().WithMessage(message);
    }

    [Fact]
    public void Controller_listeners_are_not_client_listeners()
    {
        var config = ConfigLoader.Load(["--override", "listeners=PLAINTEXT://:9092,CONTROLLER://:9093"], new Dictionary<string, string>());
        config.ClientListeners.Should().ContainSingle().Which.Name.Should().Be("PLAINTEXT");
        config.AdvertisedListeners.Should().ContainSingle().Which.Port.Should().Be(9092);
    }

    [Fact]
    public void Missing_properties_file_and_stray_arguments_are_errors()
    {
        FluentActions.Invoking(() => ConfigLoader.Load(["/does/not/exist.properties"], new Dictionary<string, string>()))
            .Should().Throw<BrokerConfigException>().WithMessage("*does not exist*");
        FluentActions.Invoking(() => ConfigLoader.Load(["--override", "x=1", "--bogus"], new Dictionary<string, string>()))
            .Should().Throw<BrokerConfigException>().WithMessage("*Unexpected argument*");
    }

    [Theory]
    [InlineData("log.cleaner.backoff.ms")]
    [InlineData("producer.id.expiration.ms")]
    [InlineData("offsets.retention.check.interval.ms")]
    [InlineData("log.segment.handles.max")]
    [InlineData("log.roll.jitter.ms")]
    [InlineData("metrics.partition.level.enabled")]
    public void Keys_read_by_storage_groups_and_metrics_are_known(string key) =>
        BrokerConfigKeys.TryGet(key, out _).Should().BeTrue($"setting {key} must not be reported as an unknown config");
}
