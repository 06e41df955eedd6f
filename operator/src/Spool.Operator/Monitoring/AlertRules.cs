using System.Text.Json.Nodes;
using Spool.Operator.Yaml;

namespace Spool.Operator.Monitoring;

/// <summary>
/// monitoring/spool-alerts.rules.yml, embedded at build time: the single source of Spool's alert rules, which the
/// operator renders per cluster instead of keeping a copy that could drift.
/// </summary>
public static class AlertRules
{
    public const string ResourceName = "spool-alerts.rules.yml";

    /// <summary>Record names of the lag thresholds the alerts compare with, and of the per-group overrides.</summary>
    public const string RecordsThreshold = "spool:consumer_group_lag_threshold:records";

    public const string SecondsThreshold = "spool:consumer_group_lag_threshold:seconds";

    public const string RecordsOverride = RecordsThreshold + "_override";

    public const string SecondsOverride = SecondsThreshold + "_override";

    private static readonly Lazy<string> Text = new(() =>
    {
        using var stream = typeof(AlertRules).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded {ResourceName} is missing from the operator assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The rule file's text as shipped.</summary>
    public static string Source => Text.Value;

    /// <summary>A fresh copy of the rule groups (callers change it).</summary>
    public static JsonArray Groups() =>
        YamlReader.Read(Source)?["groups"]?.DeepClone() as JsonArray
        ?? throw new InvalidOperationException($"{ResourceName} has no groups.");
}
