namespace Spool.Monitoring.Tests.Support;

/// <summary>The repository files under test, copied next to the test assembly by the project file.</summary>
public static class TestFiles
{
    public static string MonitoringDirectory => Path.Combine(AppContext.BaseDirectory, "monitoring");

    public static string AlertRules => Path.Combine(MonitoringDirectory, "spool-alerts.rules.yml");

    public static string AlertRuleTests => Path.Combine(MonitoringDirectory, "tests", "spool-alerts.test.yml");

    public static string ThresholdOverrides => Path.Combine(MonitoringDirectory, "tests", "lag-threshold-overrides.rules.yml");

    public static string Dashboard => Path.Combine(AppContext.BaseDirectory, "dashboards", "spool-overview.json");

    public static string KafkaClient => Path.Combine(AppContext.BaseDirectory, "clients", "kafka_client.py");
}
