using System.Text.Json;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>What one CLI invocation returned and printed.</summary>
public sealed record CliResult(string[] Arguments, int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json() => JsonDocument.Parse(Stdout).RootElement.Clone();

    /// <summary>Non-empty stdout lines.</summary>
    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The error object written to stderr with --output json.</summary>
    public JsonElement ErrorJson() => JsonDocument.Parse(Stderr.Trim().Split('\n')[^1]).RootElement.Clone();

    public override string ToString() =>
        $"spool {string.Join(' ', Arguments)} exited {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}
