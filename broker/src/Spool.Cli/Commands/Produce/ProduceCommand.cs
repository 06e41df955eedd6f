using System.CommandLine;
using System.Globalization;
using System.Text;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Producer;
using Spool.Protocol.Records;

namespace Spool.Cli.Commands.Produce;

/// <summary>
/// <c>spool produce &lt;topic&gt;</c>: one record per line of a file or stdin, like kafka-console-producer.sh, with keys,
/// headers, an explicit partition, compression and acks; or JSON lines carrying all of those per record.
/// </summary>
internal sealed class ProduceCommand
{
    /// <summary>Deliveries awaited at most at once; the producer's buffer.memory bounds the bytes in flight anyway.</summary>
    private const int MaxPending = 10_000;

    private readonly CommandActions _actions;
    private readonly NameInput _topic = new("topic", "Topic to produce to");
    private readonly Option<string?> _file = new("--file", "-f") { Description = "Read records from this file instead of stdin ('-' is stdin)", HelpName = "path" };
    private readonly Option<InputFormat> _format = new("--format") { Description = "line: one value (or key<sep>value) per line; json: one JSON object per line", DefaultValueFactory = _ => InputFormat.Line };
    private readonly Option<string?> _keySeparator = new("--key-separator") { Description = "Line format: split each line into key and value at the first occurrence (e.g. ':' or '\\t')", HelpName = "text" };
    private readonly Option<string[]> _headers = new("--headers", "-H") { Description = "A header key=value added to every record (repeatable)", HelpName = "key=value" };
    private readonly Option<int?> _partition = new("--partition") { Description = "Produce every record to this partition (default: by key hash, sticky without a key)" };
    private readonly Option<string?> _compression = new("--compression") { Description = "none, gzip, snappy, lz4 or zstd (compression.type)", HelpName = "codec" };
    private readonly Option<string?> _acks = new("--acks") { Description = "all (-1), 1 or 0 (default all)", HelpName = "acks" };

    public ProduceCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("produce", "Produce records from a file or stdin, one per line")
        {
            _file, _format, _keySeparator, _headers, _partition, _compression, _acks,
        };
        _topic.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var topic = _topic.Single(parse);
        var format = parse.GetValue(_format);
        var keySeparator = Unescape(parse.GetValue(_keySeparator));
        if (keySeparator is { Length: 0 } || (keySeparator is not null && format == InputFormat.Json))
        {
            throw CliException.Usage("--key-separator must be non-empty text, and only applies to --format line");
        }

        IRecordParser parser = format == InputFormat.Json ? new JsonRecordParser() : new LineRecordParser(keySeparator);
        var headers = KeyValueArguments.Parse(parse.GetValue(_headers), "--headers").Select(h => new RecordHeader(h.Key, Encoding.UTF8.GetBytes(h.Value))).ToList();
        var partition = parse.GetValue(_partition);
        if (partition is < 0)
        {
            throw CliException.Usage("--partition must not be negative");
        }

        var compression = parse.GetValue(_compression) is { } codec ? PropertyValues.Compression("--compression", codec) : (CompressionType?)null;
        var acks = parse.GetValue(_acks) is { } a ? PropertyValues.Acks("--acks", a) : (Acks?)null;
        var path = parse.GetValue(_file) is { } f && f != "-" ? f : null;
        if (path is not null && !File.Exists(path))
        {
            throw CliException.Usage($"--file {path}: no such file");
        }

        await using (var admin = context.CreateAdmin())
        {
            await TopicGuard.RequireOrAutoCreatedAsync(admin, topic, cancellationToken);
        }

        using var input = path is null ? null : new StreamReader(path, new UTF8Encoding(false), true, 1 << 16);
        var reader = input ?? context.Console.In;
        double? total = path is null ? null : new FileInfo(path).Length;
        var tally = await ProgressDisplay.RunAsync(context, $"producing to {topic}", total, async progress =>
        {
            await using var producer = context.CreateProducer(options =>
            {
                options.CompressionType = compression ?? options.CompressionType;
                options.Acks = acks ?? options.Acks;
                if (context.Properties.Get("delivery.timeout.ms") is null)
                {
                    // A record that cannot be delivered within --timeout fails the command instead of retrying for minutes.
                    options.DeliveryTimeout = Max(context.Timeout, options.Linger + options.RequestTimeout);
                }
            });
            return await ProduceAllAsync(producer, reader, record => Decorate(record, headers, partition), topic, parser, progress, path is not null, cancellationToken);
        });

        var summary = tally.Summary(topic);
        if (context.Json)
        {
            context.WriteJson(summary, CliJsonContext.Default.ProduceSummaryJson);
            return ExitCodes.Ok;
        }

        context.WriteLine($"Produced {summary.Records.ToString("N0", CultureInfo.InvariantCulture)} record(s) to {topic}.");
        if (summary.Records > 0)
        {
            var table = context.CreateTable("PARTITION", "RECORDS", "FIRST-OFFSET", "LAST-OFFSET");
            foreach (var p in summary.Partitions)
            {
                table.AddTextRow(p.Partition, p.Records, p.FirstOffset < 0 ? null : p.FirstOffset, p.LastOffset < 0 ? null : p.LastOffset);
            }

            context.Terminal.Write(table);
        }

        return ExitCodes.Ok;
    }

    private static async Task<ProduceTally> ProduceAllAsync(
        KafkaProducer producer,
        TextReader reader,
        Func<ProducerRecord, ProducerRecord> decorate,
        string topic,
        IRecordParser parser,
        IProgressTracker progress,
        bool progressInBytes,
        CancellationToken cancellationToken)
    {
        var tally = new ProduceTally();
        var pending = new Queue<Task<RecordMetadata>>();
        var lineNumber = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lineNumber++;
            ProducerRecord? record;
            try
            {
                record = parser.Parse(topic, line);
            }
            catch (FormatException e)
            {
                // Records of earlier lines are delivered (the producer flushes on dispose); the message says so.
                throw CliException.Usage($"line {lineNumber}: {e.Message} (the {lineNumber - 1} line(s) before it were produced)");
            }

            if (record is not null)
            {
                pending.Enqueue(producer.ProduceAsync(decorate(record), cancellationToken));
            }

            while (pending.Count > MaxPending || (pending.Count > 0 && pending.Peek().IsCompleted))
            {
                tally.Add(await pending.Dequeue());
            }

            progress.Advance(progressInBytes ? Encoding.UTF8.GetByteCount(line) + 1 : 0);
            if (!progressInBytes && lineNumber % 1000 == 0)
            {
                progress.Describe($"producing to {topic}: {lineNumber.ToString("N0", CultureInfo.InvariantCulture)} lines");
            }
        }

        await producer.FlushAsync(cancellationToken);
        while (pending.Count > 0)
        {
            tally.Add(await pending.Dequeue());
        }

        return tally;
    }

    private static ProducerRecord Decorate(ProducerRecord record, List<RecordHeader> headers, int? partition) =>
        headers.Count == 0 && partition is null
            ? record
            : record with
            {
                Headers = headers.Count == 0 ? record.Headers : [.. record.Headers ?? [], .. headers],
                Partition = partition ?? record.Partition,
            };

    /// <summary>Shells make a literal tab awkward to type, so \t and \n in the separator mean tab and newline.</summary>
    private static string? Unescape(string? text) => text?.Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
