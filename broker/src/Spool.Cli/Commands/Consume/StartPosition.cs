using System.Globalization;
using Spool.Cli.Infrastructure;

namespace Spool.Cli.Commands.Consume;

/// <summary>The start of a consume: a kind and its value (an offset or epoch milliseconds).</summary>
internal sealed record StartPosition(StartKind Kind, long Value = 0)
{
    /// <summary>
    /// From the mutually exclusive --from-beginning, --offset and --from-datetime. Without any: the group's
    /// committed offsets when there is a group, else the log end (only new records), as kafka-console-consumer.sh.
    /// </summary>
    public static StartPosition From(bool fromBeginning, string? offset, string? datetime, bool hasGroup)
    {
        if ((fromBeginning ? 1 : 0) + (offset is null ? 0 : 1) + (datetime is null ? 0 : 1) > 1)
        {
            throw CliException.Usage("--from-beginning, --offset and --from-datetime are mutually exclusive");
        }

        if (datetime is not null)
        {
            return TimestampParser.TryParse(datetime, out var ms)
                ? new StartPosition(StartKind.Timestamp, ms)
                : throw CliException.Usage($"--from-datetime {datetime}: expected ISO-8601 such as 2024-05-01T12:00:00Z, or epoch milliseconds");
        }

        return offset?.Trim().ToLowerInvariant() switch
        {
            null when fromBeginning && !hasGroup => new StartPosition(StartKind.Earliest),
            null => new StartPosition(hasGroup ? StartKind.Committed : StartKind.Latest),
            "earliest" => new StartPosition(StartKind.Earliest),
            "latest" => new StartPosition(StartKind.Latest),
            var n when long.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out var value) => new StartPosition(StartKind.Offset, value),
            _ => throw CliException.Usage($"--offset {offset}: expected earliest, latest or a non-negative offset"),
        };
    }
}
