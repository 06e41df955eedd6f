using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Protocol;

namespace Spool.Cli.Commands.Topics;

/// <summary><c>spool topics create &lt;topic&gt;</c> with partitions, replication factor and configs (broker defaults otherwise).</summary>
internal sealed class TopicsCreateCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _topic = new("topic", "Topic to create");
    private readonly Option<int?> _partitions = new("--partitions", "-p") { Description = "Number of partitions (default: the broker's num.partitions)" };
    private readonly Option<short?> _replicationFactor = new("--replication-factor", "-r") { Description = "Replicas per partition (default: the broker's default.replication.factor)" };
    private readonly Option<string[]> _configs = new("--config", "-c") { Description = "A topic config key=value, e.g. retention.ms=86400000 (repeatable)", HelpName = "key=value" };
    private readonly Option<bool> _ifNotExists = new("--if-not-exists") { Description = "Succeed without change when the topic already exists" };

    public TopicsCreateCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("create", "Create a topic") { _partitions, _replicationFactor, _configs, _ifNotExists };
        _topic.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var name = _topic.Single(parse);
        var partitions = parse.GetValue(_partitions);
        var replicationFactor = parse.GetValue(_replicationFactor);
        if (partitions is <= 0 || replicationFactor is <= 0)
        {
            throw CliException.Usage("--partitions and --replication-factor must be positive");
        }

        var topic = new NewTopic(name, partitions, replicationFactor);
        foreach (var (key, value) in KeyValueArguments.ParseUnique(parse.GetValue(_configs), "--config"))
        {
            topic.Configs[key] = value;
        }

        await using var admin = context.CreateAdmin();
        TopicCreatedJson result;
        try
        {
            var created = await admin.CreateTopicAsync(topic, cancellationToken: cancellationToken);
            result = new TopicCreatedJson(name, true, created.TopicId.ToString(), Known(created.NumPartitions), Known(created.ReplicationFactor));
        }
        catch (KafkaException e) when (e.Error == ErrorCode.TopicAlreadyExists && parse.GetValue(_ifNotExists))
        {
            result = new TopicCreatedJson(name, false, null, null, null);
        }

        if (context.Json)
        {
            context.WriteJson(result, CliJsonContext.Default.TopicCreatedJson);
        }
        else if (result.Created)
        {
            var layout = result.Partitions is { } p ? $" with {p} partition(s), replication factor {result.ReplicationFactor}" : "";
            context.WriteLine($"Created topic {name}{layout}.");
        }
        else
        {
            context.WriteLine($"Topic {name} already exists.");
        }

        return ExitCodes.Ok;
    }

    /// <summary>CreateTopics before v5 does not report the layout (-1).</summary>
    private static int? Known(int value) => value < 0 ? null : value;
}
