using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Monitoring;
using Spool.Operator.Tests.Support;

namespace Spool.Operator.Tests.Builders;

/// <summary>Every builder's output for a default single-broker cluster and a three-broker cluster with every override.</summary>
public sealed class BuilderGoldenTests
{
    private static ClusterBlueprint Small => new(Samples.Cluster(), Samples.Image);

    private static ClusterBlueprint Large => new(Samples.LargeCluster(), Samples.Image);

    [Fact]
    public void StatefulSet_single_broker() => Golden.Matches("statefulset-single.yaml", StatefulSetBuilder.Build(Small));

    [Fact]
    public void StatefulSet_three_brokers_with_overrides() => Golden.Matches("statefulset-overrides.yaml", StatefulSetBuilder.Build(Large));

    [Fact]
    public void ConfigMap_single_broker() => Golden.Matches("configmap-single.yaml", ConfigMapBuilder.Build(Small));

    [Fact]
    public void ConfigMap_three_brokers_with_config() => Golden.Matches("configmap-overrides.yaml", ConfigMapBuilder.Build(Large));

    [Fact]
    public void Headless_service() => Golden.Matches("service-headless.yaml", ServiceBuilder.Headless(Small));

    [Fact]
    public void Bootstrap_service() => Golden.Matches("service-bootstrap.yaml", ServiceBuilder.Bootstrap(Small));

    [Fact]
    public void Bootstrap_service_load_balancer() => Golden.Matches("service-bootstrap-overrides.yaml", ServiceBuilder.Bootstrap(Large));

    [Fact]
    public void Pod_disruption_budget() => Golden.Matches("poddisruptionbudget.yaml", PodDisruptionBudgetBuilder.Build(Small));

    [Fact]
    public void Service_monitor() => Golden.Matches("servicemonitor-overrides.yaml", ServiceMonitorBuilder.Build(Large));

    [Fact]
    public void Prometheus_rule_with_group_thresholds() => Golden.Matches("prometheusrule.yaml", PrometheusRuleBuilder.Build(Small,
    [
        Samples.Group("payments", new LagAlerting { MaxLagRecords = 500, MaxLagSeconds = 60, Severity = AlertSeverity.Critical }, createdSecond: 1),
        Samples.Group("batch-loader", new LagAlerting { MaxLagRecords = 100000, For = "30m" }, createdSecond: 2),
        Samples.Group("no-thresholds", null, createdSecond: 3),
    ]));
}
