using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spool.Kubernetes.Client;
using Spool.Operator.Builders;
using Spool.Operator.Entities;

namespace Spool.Operator.Monitoring;

/// <summary>
/// A cluster's PrometheusRule: monitoring/spool-alerts.rules.yml scoped to the cluster's series
/// ({namespace, cluster}), with the Cluster's default lag thresholds, plus the thresholds of its ConsumerGroups as
/// override series (docs/monitoring.md, "Per-group lag thresholds") and, for each distinct <c>for</c>, a copy of the
/// lag alerts that matches only thresholds carrying that alert_for label.
/// </summary>
public static partial class PrometheusRuleBuilder
{
    public const string OverridesGroup = "spool-lag-threshold-overrides";

    public static JsonObject Build(ClusterBlueprint blueprint, IEnumerable<SpoolConsumerGroup> consumerGroups)
    {
        var names = blueprint.Names;
        var scope = new List<KeyValuePair<string, string>> { new("namespace", names.Namespace), new("cluster", names.Cluster) };
        var defaults = blueprint.Spec.Metrics.DefaultLagThresholds;
        var groups = AlertRules.Groups();
        var lagAlerts = new List<JsonObject>();
        var defaultsSet = 0;
        foreach (var rule in groups.SelectMany(g => g?["rules"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var expression = rule["expr"]?.GetValue<string>() ?? "";
            expression = PromQlScope.Apply(expression, scope);
            var record = rule["record"]?.GetValue<string>();
            if (record == AlertRules.RecordsThreshold)
            {
                expression = WithDefault(expression, defaults.MaxLagRecords, defaults.Severity);
                defaultsSet++;
            }
            else if (record == AlertRules.SecondsThreshold)
            {
                expression = WithDefault(expression, defaults.MaxLagSeconds, defaults.Severity);
                defaultsSet++;
            }

            rule["expr"] = expression;
            if (rule["alert"] is not null && expression.Contains(AlertForUnset, StringComparison.Ordinal))
            {
                lagAlerts.Add(rule);
            }
        }

        if (defaultsSet != 2)
        {
            throw new InvalidOperationException(
                $"{AlertRules.ResourceName} no longer defines {AlertRules.RecordsThreshold} and {AlertRules.SecondsThreshold} as the operator expects.");
        }

        var thresholds = Thresholds(consumerGroups);
        if (thresholds.Count > 0)
        {
            var overrides = new JsonArray();
            foreach (var threshold in thresholds)
            {
                foreach (var rule in new[]
                {
                    OverrideRule(threshold, AlertRules.RecordsOverride, threshold.Alerting.MaxLagRecords, names),
                    OverrideRule(threshold, AlertRules.SecondsOverride, threshold.Alerting.MaxLagSeconds, names),
                }.OfType<JsonObject>())
                {
                    overrides.Add(rule);
                }
            }

            groups.Add(new JsonObject { ["name"] = OverridesGroup, ["rules"] = overrides });
            foreach (var duration in thresholds.Select(t => t.Alerting.For).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var copies = new JsonArray();
                foreach (var alert in lagAlerts)
                {
                    var copy = (JsonObject)alert.DeepClone();
                    copy["expr"] = copy["expr"]!.GetValue<string>().Replace(AlertForUnset, $"alert_for=\"{duration}\"", StringComparison.Ordinal);
                    copy["for"] = duration;
                    copies.Add(copy);
                }

                groups.Add(new JsonObject { ["name"] = $"spool-lag-alerts-for-{duration}", ["rules"] = copies });
            }
        }

        return new JsonObject
        {
            ["apiVersion"] = MonitoringResources.PrometheusRules.ApiVersion,
            ["kind"] = MonitoringResources.PrometheusRules.Kind,
            ["metadata"] = MonitoringObjects.Metadata(blueprint, names.PrometheusRule),
            ["spec"] = new JsonObject { ["groups"] = groups },
        };
    }

    /// <summary>The Prometheus label value of a severity.</summary>
    public static string SeverityLabel(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Critical => "critical",
        _ => "warning",
    };

    private const string AlertForUnset = "alert_for=\"\"";

    /// <summary>One threshold per Kafka group id (the oldest resource wins a duplicate), in name order.</summary>
    private static List<GroupThreshold> Thresholds(IEnumerable<SpoolConsumerGroup> consumerGroups) =>
    [
        .. consumerGroups
            .Where(g => g.Spec?.LagAlerting is { } a && (a.MaxLagRecords is not null || a.MaxLagSeconds is not null) && g.Metadata.DeletionTimestamp is null)
            .OrderBy(g => g.Metadata.CreationTimestamp ?? DateTimeOffset.MaxValue)
            .ThenBy(g => g.Metadata.Name, StringComparer.Ordinal)
            .DistinctBy(g => g.GroupId, StringComparer.Ordinal)
            .OrderBy(g => g.GroupId, StringComparer.Ordinal)
            .Select(g => new GroupThreshold(g.GroupId, g.Spec!.LagAlerting!)),
    ];

    private static JsonObject? OverrideRule(GroupThreshold threshold, string record, long? value, ClusterNames names)
    {
        if (value is not { } limit)
        {
            return null;
        }

        var labels = new JsonObject
        {
            ["namespace"] = names.Namespace,
            ["cluster"] = names.Cluster,
            ["group"] = threshold.GroupId,
            ["severity"] = SeverityLabel(threshold.Alerting.Severity),
        };
        if (threshold.Alerting.For is { } duration)
        {
            labels["alert_for"] = duration;
        }

        return new JsonObject
        {
            ["record"] = record,
            ["expr"] = $"vector({limit.ToString(CultureInfo.InvariantCulture)})",
            ["labels"] = labels,
        };
    }

    /// <summary>Replaces the rule file's default threshold ("* 0 + 10000") and severity with the Cluster's.</summary>
    private static string WithDefault(string expression, long value, AlertSeverity severity)
    {
        if (DefaultValue().Count(expression) != 1 || DefaultSeverity().Count(expression) != 1)
        {
            throw new InvalidOperationException($"A lag threshold rule of {AlertRules.ResourceName} has no single '* 0 + <default>' and '\"severity\", \"<default>\"': {expression}");
        }

        expression = DefaultValue().Replace(expression, $"* 0 + {value.ToString(CultureInfo.InvariantCulture)}");
        return DefaultSeverity().Replace(expression, $"\"severity\", \"{SeverityLabel(severity)}\"");
    }

    [GeneratedRegex(@"\*\s*0\s*\+\s*[0-9]+(\.[0-9]+)?")]
    private static partial Regex DefaultValue();

    [GeneratedRegex("\"severity\",\\s*\"[a-z]+\"")]
    private static partial Regex DefaultSeverity();

    private sealed record GroupThreshold(string GroupId, LagAlerting Alerting);
}
