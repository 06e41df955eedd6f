using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Admin;

namespace Spool.Cli.Commands.Topics;

/// <summary>
/// <c>spool topics describe [topic...]</c>: topic id, partitions with leader, replicas and ISR, and the configs
/// that differ from the defaults. Without names, every topic.
/// </summary>
internal sealed class TopicsDescribeCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _topics = new("topic", "Topic(s) to describe; all topics when none is named");
    private readonly Option<bool> _excludeInternal = new("--exclude-internal") { Description = "Without topic names: leave out internal topics" };

    public TopicsDescribeCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("describe", "Show partitions, leaders, replicas, ISR, topic id and non-default configs") { _excludeInternal };
        _topics.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        await using var admin = context.CreateAdmin();
        IReadOnlyList<string> names = _topics.All(parse);
        if (names.Count == 0)
        {
            var listings = await admin.ListTopicsAsync(new ListTopicsOptions { ListInternal = !parse.GetValue(_excludeInternal) }, cancellationToken);
            names = [.. listings.Select(l => l.Name)];
        }

        var described = names.Count == 0 ? [] : await admin.DescribeTopicsAsync(names, cancellationToken: cancellationToken);
        var found = described.Where(d => d.Error is null).ToList();
        var configs = found.Count == 0
            ? []
            : (await admin.DescribeConfigsAsync(found.Select(d => ConfigResource.Topic(d.Name)), cancellationToken: cancellationToken))
                .ToDictionary(c => c.Resource.Name, StringComparer.Ordinal);
        var topics = found.Select(d => new TopicDetailJson(
            d.Name,
            d.TopicId.ToString(),
            d.IsInternal,
            d.Partitions.Count,
            TopicFormat.ReplicationFactor(d),
            TopicFormat.NonDefaultConfigs(configs.GetValueOrDefault(d.Name)),
            [.. d.Partitions.OrderBy(p => p.Partition).Select(TopicFormat.Partition)])).ToList();

        if (context.Json)
        {
            context.WriteJson(topics, CliJsonContext.Default.ListTopicDetailJson);
        }
        else
        {
            Render(context, topics);
        }

        // Topics that were named but are missing fail the command after the others were shown.
        if (described.FirstOrDefault(d => d.Error is not null) is { Error: { } error } missing)
        {
            throw error.Error == Protocol.ErrorCode.UnknownTopicOrPartition ? CliException.UnknownTopic(missing.Name) : error;
        }

        return ExitCodes.Ok;
    }

    private static void Render(CliContext context, List<TopicDetailJson> topics)
    {
        foreach (var topic in topics)
        {
            var configs = topic.Configs.Count == 0 ? "-" : string.Join(',', topic.Configs.Select(c => $"{c.Key}={c.Value}"));
            context.WriteLine(
                $"Topic: {topic.Name}  TopicId: {topic.TopicId}  PartitionCount: {topic.PartitionCount}  " +
                $"ReplicationFactor: {topic.ReplicationFactor}  Configs: {configs}");
            var table = context.CreateTable("PARTITION", "LEADER", "LEADER-EPOCH", "REPLICAS", "ISR", "OFFLINE");
            foreach (var p in topic.Partitions)
            {
                table.AddTextRow(p.Partition, p.Leader < 0 ? "none" : p.Leader, p.LeaderEpoch, p.Replicas, p.Isr, p.OfflineReplicas);
            }

            context.Terminal.Write(table);
            context.WriteLine("");
        }
    }
}
