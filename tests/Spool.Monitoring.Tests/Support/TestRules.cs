using System.Text.RegularExpressions;

namespace Spool.Monitoring.Tests.Support;

/// <summary>
/// The shipped alert rules made fast for a test Prometheus (every <c>for:</c> shortened), plus a per-group
/// lag threshold override written the way the operator renders one.
/// </summary>
public static partial class TestRules
{
    public static async Task<IReadOnlyList<string>> WriteAsync(string directory, string group, long maxLagRecords, string severity, string forDuration)
    {
        var rules = Path.Combine(directory, "spool-alerts.test-fast.rules.yml");
        var shipped = await File.ReadAllTextAsync(TestFiles.AlertRules);
        await File.WriteAllTextAsync(rules, ForClause().Replace(shipped, "for: " + forDuration));

        var overrides = Path.Combine(directory, "lag-threshold-overrides.rules.yml");
        await File.WriteAllTextAsync(overrides, $"""
            groups:
              - name: spool-lag-threshold-overrides
                rules:
                  - record: spool:consumer_group_lag_threshold:records_override
                    expr: vector({maxLagRecords})
                    labels:
                      group: {group}
                      severity: {severity}
            """);
        return [rules, overrides];
    }

    [GeneratedRegex(@"for: \d+[smh]")]
    private static partial Regex ForClause();
}
