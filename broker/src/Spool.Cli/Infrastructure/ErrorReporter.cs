using Spool.Cli.Output;
using Spool.Client;
using Spool.Protocol;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// Turns exceptions into exit codes and one error line on stderr: <c>spool: UNKNOWN_TOPIC_OR_PARTITION: ...</c>,
/// or a JSON object with <c>--output json</c> so that scripts parse failures as they parse results.
/// </summary>
internal static class ErrorReporter
{
    public static int Report(Exception exception, CliConsole console, bool json, CancellationToken interrupted)
    {
        var error = Classify(exception, interrupted);
        if (json)
        {
            console.Error.WriteLine(System.Text.Json.JsonSerializer.Serialize(
                new ErrorJson(error.Name, error.Message, error.ExitCode), CliJsonContext.Compact.ErrorJson));
        }
        else
        {
            console.Error.WriteLine($"spool: {error.Name}: {error.Message}");
        }

        return error.ExitCode;
    }

    public static CliError Classify(Exception exception, CancellationToken interrupted) => exception switch
    {
        CliException e => new CliError(e.ExitCode, e.ErrorName, e.Message),
        KafkaException e => FromKafka(e),
        OperationCanceledException when interrupted.IsCancellationRequested => new CliError(ExitCodes.Interrupted, "INTERRUPTED", "interrupted"),
        OperationCanceledException or TimeoutException => new CliError(ExitCodes.Timeout, "REQUEST_TIMED_OUT", "the operation did not complete within --timeout"),
        ArgumentException e => new CliError(ExitCodes.Usage, "INVALID_ARGUMENT", e.Message),
        FileNotFoundException e => new CliError(ExitCodes.Usage, "INVALID_ARGUMENT", e.Message),
        DirectoryNotFoundException e => new CliError(ExitCodes.Usage, "INVALID_ARGUMENT", e.Message),
        _ => new CliError(ExitCodes.Failure, "UNEXPECTED_ERROR", $"{exception.GetType().Name}: {exception.Message}"),
    };

    private static CliError FromKafka(KafkaException e)
    {
        var name = KafkaErrors.Name(e.Error);
        var message = e.ServerMessage ?? name;
        var code = e.Error switch
        {
            ErrorCode.UnknownTopicOrPartition or ErrorCode.UnknownTopicId or ErrorCode.GroupIdNotFound => ExitCodes.NotFound,
            ErrorCode.NonEmptyGroup => ExitCodes.Refused,

            // The client retries these until the timeout; reaching the user means the time ran out.
            _ when e.IsRetriable => ExitCodes.Timeout,
            _ => ExitCodes.KafkaError,
        };
        return new CliError(code, name, message);
    }
}
