namespace Spool.Compat.Tests;

/// <summary>What a client script did: exit code (-1 when it timed out and was killed) and its output.</summary>
public sealed record ScriptResult(string CommandLine, int ExitCode, bool TimedOut, string StandardOutput, string StandardError)
{
    /// <summary>The script's last stdout line: its one-line JSON summary.</summary>
    public string SummaryLine => StandardOutput.TrimEnd().Split('\n').LastOrDefault()?.Trim() ?? string.Empty;
}
