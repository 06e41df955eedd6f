using Spool.Operator.Kafka;

namespace Spool.Operator.Tests.Hosting;

public sealed class StaticAddressMapTests
{
    [Fact]
    public void Maps_listed_addresses_only()
    {
        var map = StaticAddressMap.Parse("events-0.events-brokers.ns.svc.cluster.local:9092=127.0.0.1:19092, other:1=h:2");
        map.TryMap("Events-0.events-brokers.ns.svc.cluster.local", 9092, out var target).Should().BeTrue();
        target.Should().Be(("127.0.0.1", 19092));
        map.TryMap("events-1.events-brokers.ns.svc.cluster.local", 9092, out _).Should().BeFalse();
    }

    [Fact]
    public void Malformed_entries_are_refused() =>
        FluentActions.Invoking(() => StaticAddressMap.Parse("host:9092")).Should().Throw<FormatException>();
}
