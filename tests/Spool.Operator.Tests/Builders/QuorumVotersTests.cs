using Spool.Operator.Builders;

namespace Spool.Operator.Tests.Builders;

/// <summary>ARCHITECTURE.md: the voters are the first 1, 3 or 5 pods: 1 for 1-2 replicas, 3 for 3-4, 5 for 5 or more.</summary>
public sealed class QuorumVotersTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 5)]
    [InlineData(6, 5)]
    [InlineData(9, 5)]
    public void Voter_count_follows_the_replica_count(int replicas, int voters) => QuorumVoters.Count(replicas).Should().Be(voters);

    [Fact]
    public void Voters_are_the_first_pods_by_stable_dns_name_on_the_controller_port()
    {
        var names = new ClusterNames("events", "streaming");
        QuorumVoters.Render(names, 4).Should().Be(
            "0@events-0.events-brokers.streaming.svc.cluster.local:9093," +
            "1@events-1.events-brokers.streaming.svc.cluster.local:9093," +
            "2@events-2.events-brokers.streaming.svc.cluster.local:9093");
    }

    [Fact]
    public void The_cluster_domain_is_configurable() =>
        QuorumVoters.Render(new ClusterNames("a", "b", "corp.internal"), 1).Should().Be("0@a-0.a-brokers.b.svc.corp.internal:9093");
}
