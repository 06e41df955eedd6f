namespace Spool.Cli.Commands.Produce;

/// <summary><c>spool produce --format</c>: one record per input line, as text or as a JSON object.</summary>
internal enum InputFormat
{
    /// <summary>The line is the value (or key, separator, value with --key-separator).</summary>
    Line = 0,

    /// <summary>The line is a JSON object with key, value, headers, partition and timestamp (what consume --output json prints).</summary>
    Json = 1,
}
