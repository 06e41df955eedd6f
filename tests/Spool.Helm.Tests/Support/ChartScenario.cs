using System.Collections.Concurrent;

namespace Spool.Helm.Tests.Support;

/// <summary>
/// One way of installing the chart: release "spool" in namespace "spool" with a values file from values/ (none for
/// the defaults). Renders are cached per scenario and Helm version: many tests look at the same output.
/// </summary>
public sealed record ChartScenario(string Name, string? ValuesFile)
{
    public const string Release = "spool";

    public const string Namespace = "spool";

    private static readonly ConcurrentDictionary<(string, string), Lazy<Task<RenderedChart>>> Renders = new();

    public static readonly ChartScenario Default = new("default", null);

    public static readonly ChartScenario NamespaceScoped = new("namespace-scoped", "namespace-scoped.yaml");

    public static readonly ChartScenario MonitoringOn = new("monitoring-on", "monitoring-on.yaml");

    public static readonly ChartScenario MonitoringOff = new("monitoring-off", "monitoring-off.yaml");

    public static readonly ChartScenario ThreeBrokers = new("cluster-3-replicas", "cluster-3-replicas.yaml");

    public static readonly ChartScenario SingleOperator = new("single-operator", "single-operator.yaml");

    public static IReadOnlyList<ChartScenario> All { get; } = [Default, NamespaceScoped, MonitoringOn, MonitoringOff, ThreeBrokers, SingleOperator];

    /// <summary>Scenarios as theory data (by name, so test names read well).</summary>
    public static TheoryData<string> Names() => new(All.Select(s => s.Name));

    /// <summary>Every scenario with every Helm version.</summary>
    public static TheoryData<string, string> NamesAndHelms()
    {
        var data = new TheoryData<string, string>();
        foreach (var scenario in All)
        {
            foreach (var helm in HelmBinary.All)
            {
                data.Add(scenario.Name, helm.Name);
            }
        }

        return data;
    }

    public static ChartScenario Named(string name) => All.Single(s => s.Name == name);

    /// <summary>--values and --namespace arguments of this scenario.</summary>
    public IReadOnlyList<string> Arguments(params string[] extra) =>
    [
        "--namespace", Namespace,
        .. ValuesFile is null ? Array.Empty<string>() : ["--values", Path.Combine(HelmRunner.ValuesDirectory, ValuesFile)],
        .. extra,
    ];

    /// <summary>helm template of this scenario; fails with helm's output when rendering fails.</summary>
    public Task<RenderedChart> RenderAsync(HelmBinary? helm = null)
    {
        helm ??= HelmBinary.Helm4;
        return Renders.GetOrAdd((Name, helm.Name), _ => new Lazy<Task<RenderedChart>>(async () =>
        {
            var result = await TemplateAsync(helm);
            return result.Succeeded ? RenderedChart.Parse(result.Output) : throw new InvalidOperationException(result.ToString());
        })).Value;
    }

    public Task<HelmResult> TemplateAsync(HelmBinary helm, params string[] extra) =>
        HelmRunner.RunAsync(helm, ["template", Release, HelmRunner.ChartDirectory, .. Arguments(extra)]);

    public override string ToString() => Name;
}
