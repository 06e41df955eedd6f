namespace Spool.Cli.Output;

/// <summary>A failure with <c>--output json</c>, written to stderr.</summary>
public sealed record ErrorJson(string Error, string Message, int ExitCode);
