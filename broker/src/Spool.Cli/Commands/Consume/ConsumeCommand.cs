using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Spool.Cli.Infrastructure;
using Spool.Client;
using Spool.Client.Consumer;

namespace Spool.Cli.Commands.Consume;

/// <summary>
/// <c>spool consume &lt;topic&gt;</c>: prints records like kafka-console-consumer.sh, from the log end, the beginning, an
/// offset or a time, as a group member (committing what it printed) or not, until --max-messages, the idle timeout
/// or Ctrl+C.
/// </summary>
internal sealed class ConsumeCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _topic = new("topic", "Topic to consume");
    private readonly Option<string?> _group = new("--group", "-g") { Description = "Consume as a member of this group: start from its committed offsets and commit what is printed", HelpName = "group" };
    private readonly Option<bool> _fromBeginning = new("--from-beginning") { Description = "Start at the log start (with --group: only where the group has no committed offset)" };
    private readonly Option<string?> _offset = new("--offset") { Description = "Start at earliest, latest or this offset in every consumed partition", HelpName = "offset" };
    private readonly Option<string?> _fromDatetime = new("--from-datetime") { Description = "Start at the first record at or after this time: ISO-8601 (UTC when no zone) or epoch ms", HelpName = "time" };
    private readonly Option<int[]> _partitions = new("--partition") { Description = "Only these partitions (repeatable; default all)", HelpName = "partition" };
    private readonly Option<long?> _maxMessages = new("--max-messages", "-n") { Description = "Exit after printing this many records", HelpName = "N" };
    private readonly Option<TimeSpan?> _idleTimeout = new("--idle-timeout", "--timeout-ms")
    {
        Description = "Exit when no record arrives for this long (500ms, 10s; a bare number is milliseconds)",
        HelpName = "duration",
        CustomParser = result => DurationParser.TryParse(result.Tokens[0].Value, out var d) ? d : Fail(result),
    };

    private readonly Option<bool> _printKey = new("--print-key") { Description = "Print the key before the value" };
    private readonly Option<bool> _printHeaders = new("--print-headers") { Description = "Print the headers (k:v,k:v or NO_HEADERS)" };
    private readonly Option<bool> _printPartition = new("--print-partition") { Description = "Print Partition:N" };
    private readonly Option<bool> _printOffset = new("--print-offset") { Description = "Print Offset:N" };
    private readonly Option<bool> _printTimestamp = new("--print-timestamp") { Description = "Print CreateTime:ms (or LogAppendTime:ms)" };
    private readonly Option<string> _separator = new("--key-separator") { Description = "Separator between printed fields (default tab; \\t accepted)", DefaultValueFactory = _ => "\t", HelpName = "text" };

    public ConsumeCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("consume", "Print records of a topic")
        {
            _group, _fromBeginning, _offset, _fromDatetime, _partitions, _maxMessages, _idleTimeout,
            _printKey, _printHeaders, _printPartition, _printOffset, _printTimestamp, _separator,
        };
        _topic.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var topic = _topic.Single(parse);
        var group = parse.GetValue(_group) ?? context.Properties.Get("group.id");
        var requested = (parse.GetValue(_partitions) ?? []).Distinct().Order().ToList();
        var start = StartPosition.From(parse.GetValue(_fromBeginning), parse.GetValue(_offset), parse.GetValue(_fromDatetime), group is not null);
        var subscribe = group is not null && requested.Count == 0;
        if (subscribe && start.Kind is StartKind.Offset or StartKind.Timestamp or StartKind.Earliest or StartKind.Latest)
        {
            throw CliException.Usage("--offset and --from-datetime need --partition with --group (the group decides the partitions); " +
                "to move a group's position use 'spool groups reset-offsets'");
        }

        var maxMessages = parse.GetValue(_maxMessages);
        if (maxMessages is <= 0)
        {
            throw CliException.Usage("--max-messages must be positive");
        }

        List<TopicPartition> partitions;
        await using (var admin = context.CreateAdmin())
        {
            var described = await Commands.TopicGuard.RequireAsync(admin, topic, cancellationToken);
            var existing = described.Partitions.Select(p => p.Partition).Order().ToList();
            if (requested.FirstOrDefault(p => !existing.Contains(p), -1) is >= 0 and var missing)
            {
                throw new CliException(ExitCodes.NotFound, "UNKNOWN_TOPIC_OR_PARTITION", $"topic '{topic}' has no partition {missing}");
            }

            partitions = [.. (requested.Count > 0 ? requested : existing).Select(p => new TopicPartition(topic, p))];
        }

        var commit = true;
        await using var consumer = context.CreateConsumer(options =>
        {
            commit = group is not null && options.EnableAutoCommit;
            options.GroupId = group;
            options.EnableAutoCommit = false;
            options.AllowAutoCreateTopics = false;
            if (parse.GetValue(_fromBeginning))
            {
                options.AutoOffsetReset = AutoOffsetReset.Earliest;
            }
        });

        if (subscribe)
        {
            consumer.Subscribe([topic]);
        }
        else
        {
            consumer.Assign(partitions);
            await SeekAsync(consumer, partitions, start, cancellationToken);
        }

        var printer = new RecordPrinter(Format(parse), context.Json);
        var progressShown = context.ShowProgress && maxMessages is not null;
        Action<string> emit = progressShown ? line => context.Terminal.WriteLine(line) : context.Console.Out.WriteLine;
        var session = new ConsumeSession(consumer, printer, emit, () => context.Console.Out.FlushAsync(CancellationToken.None), commit);
        var reached = await ProgressDisplay.RunAsync(context, $"consuming {topic}", maxMessages, progress =>
            session.RunAsync(maxMessages, parse.GetValue(_idleTimeout), progress, context.Timeout, cancellationToken));

        context.Console.Error.WriteLine($"Processed a total of {session.Printed.ToString(CultureInfo.InvariantCulture)} messages");
        // Ctrl+C is the normal end of an open-ended consume; it only fails one that still had records to wait for.
        return reached ? ExitCodes.Ok
            : cancellationToken.IsCancellationRequested ? ExitCodes.Interrupted
            : throw new CliException(ExitCodes.Timeout, "REQUEST_TIMED_OUT", $"only {session.Printed} of {maxMessages} message(s) arrived before the idle timeout");
    }

    private static async Task SeekAsync(KafkaConsumer consumer, List<TopicPartition> partitions, StartPosition start, CancellationToken cancellationToken)
    {
        switch (start.Kind)
        {
            case StartKind.Earliest:
                consumer.SeekToBeginning(partitions);
                break;
            case StartKind.Latest:
                consumer.SeekToEnd(partitions);
                break;
            case StartKind.Offset:
                foreach (var partition in partitions)
                {
                    consumer.Seek(partition, start.Value);
                }

                break;
            case StartKind.Timestamp:
                var found = await consumer.OffsetsForTimesAsync(partitions.ToDictionary(p => p, _ => start.Value), cancellationToken);
                foreach (var partition in partitions)
                {
                    // No record at or after the time: only records produced from now on.
                    if (found.GetValueOrDefault(partition) is { } at)
                    {
                        consumer.Seek(partition, at.Offset);
                    }
                    else
                    {
                        consumer.SeekToEnd([partition]);
                    }
                }

                break;
            case StartKind.Committed:
                break;
        }
    }

    private RecordFormat Format(ParseResult parse) => new(
        parse.GetValue(_printKey),
        parse.GetValue(_printHeaders),
        parse.GetValue(_printPartition),
        parse.GetValue(_printOffset),
        parse.GetValue(_printTimestamp),
        (parse.GetValue(_separator) ?? "\t").Replace("\\t", "\t", StringComparison.Ordinal));

    private static TimeSpan? Fail(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"{result.Tokens[0].Value}: expected a duration such as 500ms, 10s or 2m");
        return null;
    }
}
