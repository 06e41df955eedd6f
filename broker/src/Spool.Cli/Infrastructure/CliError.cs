namespace Spool.Cli.Infrastructure;

/// <summary>A failure as reported to the user: exit code, Kafka-style error name and message.</summary>
internal sealed record CliError(int ExitCode, string Name, string Message);
