using System.Text.Json.Nodes;
using Spool.Testing;

namespace Spool.Helm.Tests.Support;

/// <summary>Files of charts/spool and the repository files they must agree with.</summary>
public static class ChartFiles
{
    public static string Chart(params string[] parts) => Path.Combine([HelmRunner.ChartDirectory, .. parts]);

    public static string RepoCrds => RepoPaths.Combine("crds");

    public static string ChartCrds => Chart("crds");

    /// <summary>The canonical alert rules (the metrics engineer's file, also embedded in the operator).</summary>
    public static string CanonicalRules => RepoPaths.Combine("monitoring", "spool-alerts.rules.yml");

    /// <summary>The chart's copy: Helm's .Files only reads files inside the chart directory.</summary>
    public static string ChartRules => Chart("files", "spool-alerts.rules.yml");

    public static string Dashboard => Chart("dashboards", "spool-overview.json");

    public static JsonObject ChartYaml => YamlDocuments.Parse(File.ReadAllText(Chart("Chart.yaml"))).Single();

    public static string AppVersion => ChartYaml["appVersion"]!.GetValue<string>();

    public static JsonObject ValuesYaml => YamlDocuments.Parse(File.ReadAllText(Chart("values.yaml"))).Single();

    public static JsonObject ValuesSchema => JsonNode.Parse(File.ReadAllText(Chart("values.schema.json")))!.AsObject();

    /// <summary>The command that brings the chart's copies in line, quoted in failure messages.</summary>
    public const string SyncCommand = "cp crds/*.yaml charts/spool/crds/ && cp monitoring/spool-alerts.rules.yml charts/spool/files/";
}
