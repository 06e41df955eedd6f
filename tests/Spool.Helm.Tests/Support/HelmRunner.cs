using System.Diagnostics;
using Spool.Testing;

namespace Spool.Helm.Tests.Support;

/// <summary>
/// Runs helm with a private configuration, cache and data directory (so tests never read or write the user's Helm
/// setup) and no reachable cluster (template, lint and client-side dry runs need none).
/// </summary>
public static class HelmRunner
{
    private static readonly string Home = Path.Combine(Path.GetTempPath(), "spool-helm-tests-home");

    public static string ChartDirectory => RepoPaths.Combine("charts", "spool");

    public static string ValuesDirectory => RepoPaths.Combine("tests", "Spool.Helm.Tests", "values");

    public static async Task<HelmResult> RunAsync(HelmBinary helm, params string[] arguments)
    {
        var start = new ProcessStartInfo(helm.RequirePath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Directory.CreateDirectory(Home);
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(Home, "config");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(Home, "cache");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(Home, "data");
        start.Environment["KUBECONFIG"] = Path.Combine(Home, "no-kubeconfig");
        start.Environment.Remove("HELM_NAMESPACE");
        start.Environment.Remove("HELM_KUBECONTEXT");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {helm.Path}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{helm} {string.Join(' ', arguments)} did not finish in 2 minutes");
        }

        return new HelmResult($"{helm.Name} {string.Join(' ', arguments)}", process.ExitCode, await output, await error);
    }
}
