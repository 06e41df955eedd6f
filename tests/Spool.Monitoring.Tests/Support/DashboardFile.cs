using System.Text.Json;
using System.Text.RegularExpressions;

namespace Spool.Monitoring.Tests.Support;

/// <summary>The Grafana dashboard's queries and variables, and Grafana's variable substitution.</summary>
public sealed partial class DashboardFile
{
    private DashboardFile(JsonElement root)
    {
        Root = root;
        Panels = Flatten(root.GetProperty("panels")).ToList();
        Queries = Panels
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => new DashboardQuery(
                p.GetProperty("title").GetString()!,
                t.GetProperty("refId").GetString()!,
                t.GetProperty("expr").GetString()!,
                t.GetProperty("datasource").GetProperty("uid").GetString()!)))
            .ToList();
        Variables = root.GetProperty("templating").GetProperty("list").EnumerateArray().ToList();
    }

    public JsonElement Root { get; }

    public IReadOnlyList<JsonElement> Panels { get; }

    public IReadOnlyList<DashboardQuery> Queries { get; }

    public IReadOnlyList<JsonElement> Variables { get; }

    public static DashboardFile Load(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return new DashboardFile(json.RootElement.Clone());
    }

    /// <summary>Replaces $name and ${name} as Grafana does (longest names first so $group never eats $groups).</summary>
    public static string Substitute(string expression, IReadOnlyDictionary<string, string> values)
    {
        foreach (var (name, value) in values.OrderByDescending(kv => kv.Key.Length))
        {
            expression = expression.Replace("${" + name + "}", value, StringComparison.Ordinal).Replace("$" + name, value, StringComparison.Ordinal);
        }

        return expression;
    }

    /// <summary>Grafana's label_values(selector, label) as the PromQL that lists the same values.</summary>
    public static string LabelValuesAsPromQl(string query)
    {
        var match = LabelValues().Match(query);
        return match.Success
            ? $"group by ({match.Groups["label"].Value}) ({match.Groups["selector"].Value})"
            : throw new FormatException($"not a label_values query: {query}");
    }

    private static IEnumerable<JsonElement> Flatten(JsonElement panels)
    {
        foreach (var panel in panels.EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var inner in Flatten(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    [GeneratedRegex(@"^label_values\((?<selector>.+),\s*(?<label>\w+)\)$")]
    private static partial Regex LabelValues();
}
