using Spool.Operator.Monitoring;

namespace Spool.Operator.Tests.Monitoring;

public sealed class PromQlScopeTests
{
    private static readonly KeyValuePair<string, string>[] Scope = [new("namespace", "ns"), new("cluster", "c")];

    [Theory]
    [InlineData("spool_x > 0", "spool_x{namespace=\"ns\",cluster=\"c\"} > 0")]
    [InlineData("spool_x{topic=\"t\"}", "spool_x{namespace=\"ns\",cluster=\"c\",topic=\"t\"}")]
    [InlineData("spool_x{}", "spool_x{namespace=\"ns\",cluster=\"c\"}")]
    [InlineData("min_over_time(spool_lag[10m])", "min_over_time(spool_lag{namespace=\"ns\",cluster=\"c\"}[10m])")]
    [InlineData("max by (namespace, cluster, group) (spool_a) * 0 + 10000", "max by (namespace, cluster, group) (spool_a{namespace=\"ns\",cluster=\"c\"}) * 0 + 10000")]
    [InlineData("spool:threshold:records{alert_for=\"\"}", "spool:threshold:records{namespace=\"ns\",cluster=\"c\",alert_for=\"\"}")]
    [InlineData("(up == 0) * on (job) group_left (node_id) max by (job) (max_over_time(spool_broker_info[1h]))",
        "(up{namespace=\"ns\",cluster=\"c\"} == 0) * on (job) group_left (node_id) max by (job) (max_over_time(spool_broker_info{namespace=\"ns\",cluster=\"c\"}[1h]))")]
    [InlineData("label_replace(spool_a, \"severity\", \"spool_b\", \"\", \"\")", "label_replace(spool_a{namespace=\"ns\",cluster=\"c\"}, \"severity\", \"spool_b\", \"\", \"\")")]
    [InlineData("spool_a offset 10m", "spool_a{namespace=\"ns\",cluster=\"c\"} offset 10m")]
    [InlineData("vector(1) and other_metric", "vector(1) and other_metric")]
    public void Selectors_of_spool_series_get_the_scope(string expression, string scoped) =>
        PromQlScope.Apply(expression, Scope).Should().Be(scoped);

    [Fact]
    public void Label_values_are_escaped() =>
        PromQlScope.Apply("spool_a", [new("cluster", "a\"b")]).Should().Be("spool_a{cluster=\"a\\\"b\"}");
}
