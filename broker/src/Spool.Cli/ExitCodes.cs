namespace Spool.Cli;

/// <summary>
/// The process exit codes. Users' scripts branch on them (docs/cli.md lists them), so a code never changes
/// meaning once released.
/// </summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>An unexpected failure: a bug, or an I/O error outside the cases below.</summary>
    public const int Failure = 1;

    /// <summary>Bad arguments or options, an unreadable input file, or an input line that cannot be parsed.</summary>
    public const int Usage = 2;

    /// <summary>A topic, partition or group that does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The broker refused the request (invalid config, topic already exists, invalid partitions, ...).</summary>
    public const int KafkaError = 4;

    /// <summary>The broker could not be reached, or a retriable error persisted until <c>--timeout</c>.</summary>
    public const int Timeout = 5;

    /// <summary>The group's state forbids the operation (reset or delete while members are active).</summary>
    public const int Refused = 6;

    /// <summary>Interrupted by Ctrl+C (128 + SIGINT, as shells report it).</summary>
    public const int Interrupted = 130;
}
