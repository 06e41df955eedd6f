namespace Spool.Monitoring.Tests.Support;

/// <summary>Prometheus's own checker (Debian's prometheus package installs it on PATH).</summary>
public static class Promtool
{
    public static Task<ProcessResult> CheckMetricsAsync(string exposition) =>
        ProcessRunner.RunAsync("promtool", ["check", "metrics"], stdin: exposition);

    public static Task<ProcessResult> CheckRulesAsync(params string[] files) =>
        ProcessRunner.RunAsync("promtool", ["check", "rules", .. files]);

    public static Task<ProcessResult> TestRulesAsync(string testFile) =>
        ProcessRunner.RunAsync("promtool", ["test", "rules", Path.GetFileName(testFile)], workingDirectory: Path.GetDirectoryName(testFile));
}
