using Spool.Operator.Builders;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Builders;

public sealed class BrokerPropertiesTests
{
    [Fact]
    public void Reserved_keys_are_found_and_never_written()
    {
        var config = new Dictionary<string, string> { ["node.id"] = "7", ["listeners"] = "x", ["num.partitions"] = "3" };
        BrokerProperties.ReservedKeysIn(config).Should().Equal("listeners", "node.id");
        var text = BrokerProperties.Render(Samples.Cluster(configure: s => s.Config = config), new ClusterNames("events", "streaming"));
        text.Should().Contain("num.partitions=3\n").And.NotContain("node.id=7").And.Contain("listeners=PLAINTEXT://:9092,CONTROLLER://:9093\n");
    }

    [Fact]
    public void Values_are_escaped_as_java_properties()
    {
        var cluster = Samples.Cluster(configure: s => s.Config = new() { ["a.b"] = " lead\\ing\nline", ["k=y"] = "v" });
        var text = BrokerProperties.Render(cluster, new ClusterNames("events", "streaming"));
        text.Should().Contain("a.b=\\ lead\\\\ing\\nline\n").And.Contain("k\\=y=v\n");
    }

    [Fact]
    public void Config_order_does_not_change_the_hash()
    {
        var names = new ClusterNames("events", "streaming");
        var one = BrokerProperties.Render(Samples.Cluster(configure: s => s.Config = new() { ["a"] = "1", ["b"] = "2" }), names);
        var two = BrokerProperties.Render(Samples.Cluster(configure: s => s.Config = new() { ["b"] = "2", ["a"] = "1" }), names);
        BrokerProperties.Hash(one).Should().Be(BrokerProperties.Hash(two));
    }
}
