using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Admin;

namespace Spool.Cli.Commands.Topics;

/// <summary><c>spool topics list</c>: every topic with its partition count and replication factor.</summary>
internal sealed class TopicsListCommand
{
    private readonly CommandActions _actions;
    private readonly Option<bool> _excludeInternal = new("--exclude-internal") { Description = "Leave out internal topics such as __consumer_offsets" };

    public TopicsListCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("list", "List topics") { _excludeInternal };
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        await using var admin = context.CreateAdmin();
        var listings = await admin.ListTopicsAsync(new ListTopicsOptions { ListInternal = !parse.GetValue(_excludeInternal) }, cancellationToken);
        var described = listings.Count == 0 ? [] : await admin.DescribeTopicsAsync(listings.Select(l => l.Name), cancellationToken: cancellationToken);

        // A topic deleted between the two calls is simply not listed.
        var rows = described.Where(d => d.Error is null).Select(d => new TopicSummaryJson(
            d.Name, d.TopicId.ToString(), d.Partitions.Count, TopicFormat.ReplicationFactor(d), d.IsInternal)).ToList();
        if (context.Json)
        {
            context.WriteJson(rows, CliJsonContext.Default.ListTopicSummaryJson);
            return ExitCodes.Ok;
        }

        var table = context.CreateTable("TOPIC", "PARTITIONS", "REPLICATION-FACTOR", "TOPIC-ID", "INTERNAL");
        foreach (var row in rows)
        {
            table.AddTextRow(row.Name, row.Partitions, row.ReplicationFactor, row.TopicId, row.Internal ? "yes" : "no");
        }

        context.Terminal.Write(table);
        return ExitCodes.Ok;
    }
}
