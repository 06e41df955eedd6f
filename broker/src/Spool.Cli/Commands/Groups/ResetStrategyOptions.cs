using System.CommandLine;
using Spool.Cli.Infrastructure;

namespace Spool.Cli.Commands.Groups;

/// <summary>The mutually exclusive targets of <c>reset-offsets</c>, named as in kafka-consumer-groups.sh.</summary>
internal sealed class ResetStrategyOptions
{
    private readonly Option<bool> _toEarliest = new("--to-earliest") { Description = "The log start offset (replay everything)" };
    private readonly Option<bool> _toLatest = new("--to-latest") { Description = "The log end offset (skip everything)" };
    private readonly Option<string?> _toDatetime = new("--to-datetime") { Description = "The first record at or after a time: ISO-8601 (UTC when no zone) or epoch ms", HelpName = "time" };
    private readonly Option<string?> _byDuration = new("--by-duration") { Description = "The first record at or after now minus a duration (30m, 2h, PT1H30M)", HelpName = "duration" };
    private readonly Option<long?> _toOffset = new("--to-offset") { Description = "An absolute offset (clamped to the log's range)", HelpName = "offset" };
    private readonly Option<long?> _shiftBy = new("--shift-by") { Description = "Move the committed offset by N (negative goes back)", HelpName = "N" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _toEarliest, _toLatest, _toDatetime, _byDuration, _toOffset, _shiftBy })
        {
            command.Add(option);
        }
    }

    /// <summary>Exactly one target, or a usage error.</summary>
    public ResetStrategy Parse(ParseResult parse)
    {
        var chosen = new List<ResetStrategy>();
        if (parse.GetValue(_toEarliest))
        {
            chosen.Add(new ResetStrategy(ResetKind.Earliest));
        }

        if (parse.GetValue(_toLatest))
        {
            chosen.Add(new ResetStrategy(ResetKind.Latest));
        }

        if (parse.GetValue(_toDatetime) is { } time)
        {
            chosen.Add(TimestampParser.TryParse(time, out var ms)
                ? new ResetStrategy(ResetKind.Timestamp, ms)
                : throw CliException.Usage($"--to-datetime {time}: expected ISO-8601 such as 2024-05-01T12:00:00Z, or epoch milliseconds"));
        }

        if (parse.GetValue(_byDuration) is { } duration)
        {
            chosen.Add(new ResetStrategy(ResetKind.Timestamp, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - (long)ParseDuration(duration).TotalMilliseconds));
        }

        if (parse.GetValue(_toOffset) is { } offset)
        {
            chosen.Add(new ResetStrategy(ResetKind.Offset, offset));
        }

        if (parse.GetValue(_shiftBy) is { } shift)
        {
            chosen.Add(new ResetStrategy(ResetKind.ShiftBy, shift));
        }

        return chosen.Count == 1
            ? chosen[0]
            : throw CliException.Usage("give exactly one of --to-earliest, --to-latest, --to-datetime, --by-duration, --to-offset, --shift-by");
    }

    private static TimeSpan ParseDuration(string text)
    {
        if (DurationParser.TryParse(text, out var duration))
        {
            return duration;
        }

        try
        {
            return System.Xml.XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            throw CliException.Usage($"--by-duration {text}: expected 30m, 2h, or ISO-8601 such as PT1H30M");
        }
    }
}
