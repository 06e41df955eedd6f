using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Admin;

namespace Spool.Cli.Commands.Topics;

/// <summary>
/// <c>spool topics alter &lt;topic&gt;</c>: raise the partition count (Kafka cannot lower it) and set or remove topic
/// configs (what kafka-topics.sh --alter and kafka-configs.sh --alter do).
/// </summary>
internal sealed class TopicsAlterCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _topic = new("topic", "Topic to alter");
    private readonly Option<int?> _partitions = new("--partitions", "-p") { Description = "The new, larger total number of partitions" };
    private readonly Option<string[]> _configs = new("--config", "-c") { Description = "Set a topic config key=value (repeatable)", HelpName = "key=value" };
    private readonly Option<string[]> _deleteConfigs = new("--delete-config") { Description = "Remove a topic config override, back to the default (repeatable)", HelpName = "key" };

    public TopicsAlterCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("alter", "Add partitions or change topic configs") { _partitions, _configs, _deleteConfigs };
        _topic.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var name = _topic.Single(parse);
        var partitions = parse.GetValue(_partitions);
        var set = KeyValueArguments.ParseUnique(parse.GetValue(_configs), "--config");
        var delete = (parse.GetValue(_deleteConfigs) ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (partitions is null && set.Count == 0 && delete.Count == 0)
        {
            throw CliException.Usage("nothing to alter: give --partitions, --config or --delete-config");
        }

        if (partitions is <= 0)
        {
            throw CliException.Usage("--partitions must be positive");
        }

        if (delete.FirstOrDefault(set.ContainsKey) is { } both)
        {
            throw CliException.Usage($"{both} is both set and deleted");
        }

        await using var admin = context.CreateAdmin();

        // Both checks fail before anything changes, so a refused alter never leaves half of its changes applied.
        var current = await Commands.TopicGuard.RequireAsync(admin, name, cancellationToken);
        if (partitions is { } requested && requested <= current.Partitions.Count)
        {
            throw new CliException(ExitCodes.KafkaError, "INVALID_PARTITIONS",
                $"topic {name} has {current.Partitions.Count} partitions; --partitions can only raise the count");
        }

        if (set.Count > 0 || delete.Count > 0)
        {
            IReadOnlyList<AlterConfigOp> ops = [.. set.Select(c => AlterConfigOp.Set(c.Key, c.Value)), .. delete.Select(AlterConfigOp.Delete)];
            var changes = new Dictionary<ConfigResource, IReadOnlyList<AlterConfigOp>> { [ConfigResource.Topic(name)] = ops };
            (await admin.IncrementalAlterConfigsAsync(changes, cancellationToken: cancellationToken)).EnsureSuccess();
        }

        if (partitions is { } count)
        {
            (await admin.CreatePartitionsAsync(new Dictionary<string, NewPartitions> { [name] = new(count) }, cancellationToken: cancellationToken)).EnsureSuccess();
        }

        var result = new TopicAlteredJson(name, partitions, new SortedDictionary<string, string>(set, StringComparer.Ordinal), delete);
        if (context.Json)
        {
            context.WriteJson(result, CliJsonContext.Default.TopicAlteredJson);
            return ExitCodes.Ok;
        }

        if (partitions is { } total)
        {
            context.WriteLine($"Topic {name} now has {total} partitions.");
        }

        foreach (var (key, value) in result.ConfigsSet)
        {
            context.WriteLine($"Set {key}={value} on topic {name}.");
        }

        foreach (var key in delete)
        {
            context.WriteLine($"Removed {key} from topic {name} (back to the default).");
        }

        return ExitCodes.Ok;
    }
}
