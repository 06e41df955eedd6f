namespace Spool.Cli;

/// <summary>
/// A failure the CLI detected itself, carrying the exit code and an error name in Kafka's style
/// (<c>UNKNOWN_TOPIC_OR_PARTITION</c>, <c>NON_EMPTY_GROUP</c>, ...) so that scripts see one vocabulary.
/// </summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string errorName, string message)
        : base(message)
    {
        ExitCode = exitCode;
        ErrorName = errorName;
    }

    public int ExitCode { get; }

    public string ErrorName { get; }

    public static CliException Usage(string message) => new(ExitCodes.Usage, "INVALID_ARGUMENT", message);

    public static CliException UnknownTopic(string topic) =>
        new(ExitCodes.NotFound, "UNKNOWN_TOPIC_OR_PARTITION", $"topic '{topic}' does not exist");

    public static CliException UnknownGroup(string group) =>
        new(ExitCodes.NotFound, "GROUP_ID_NOT_FOUND", $"consumer group '{group}' does not exist");
}
