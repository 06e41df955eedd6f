using System.Text.Json;
using Spool.Testing;

namespace Spool.Compat.Tests;

/// <summary>Runs one client script against a broker and fails with the script's and the broker's output.</summary>
public static class CompatRun
{
    public static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(3);

    /// <summary>Runs the script; passes only on exit code 0 with a final JSON summary saying ok.</summary>
    public static async Task<JsonElement> SucceedsAsync(
        BrokerProcess broker,
        string fileName,
        IEnumerable<string> arguments,
        TimeSpan? timeout = null,
        Func<string, Task<string?>>? onOutputLine = null)
    {
        var result = await ScriptRunner.RunAsync(fileName, arguments, timeout ?? ScenarioTimeout, onOutputLine: onOutputLine);
        JsonElement? summary = null;
        try
        {
            using var doc = JsonDocument.Parse(result.SummaryLine);
            summary = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
        }

        var ok = summary is { ValueKind: JsonValueKind.Object } s && s.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
        if (result.ExitCode != 0 || !ok)
        {
            throw new Xunit.Sdk.XunitException(Describe(result, broker));
        }

        return summary!.Value;
    }

    private static string Describe(ScriptResult result, BrokerProcess broker) =>
        $"""
        client script failed: {(result.TimedOut ? "timed out" : $"exit code {result.ExitCode}")}
        command: {result.CommandLine}
        --- script stdout ---
        {Tail(result.StandardOutput)}
        --- script stderr ---
        {Tail(result.StandardError)}
        --- broker output ---
        {Tail(broker.Output)}
        """;

    private static string Tail(string text, int max = 20_000) => text.Length <= max ? text : "[...]\n" + text[^max..];
}
