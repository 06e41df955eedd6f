namespace Spool.Cli.Infrastructure;

/// <summary><c>--output</c>: tables for people, JSON with stable field names for scripts.</summary>
public enum OutputFormat
{
    Table = 0,
    Json = 1,
}
