using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Protocol;

namespace Spool.Cli.Commands.Groups;

/// <summary>
/// <c>spool groups reset-offsets</c>: moves a group's committed offsets (replay from the start, skip to the end,
/// go back to a time, an offset, or by N). As kafka-consumer-groups.sh: only while the group is inactive (Empty or
/// Dead), and a dry run unless --execute is given.
/// </summary>
internal sealed class GroupsResetOffsetsCommand
{
    /// <summary>Partitions committed per OffsetCommit request, so a large reset shows progress and no request is huge.</summary>
    private const int CommitChunk = 200;

    private readonly CommandActions _actions;
    private readonly NameInput _group = new("group", "The group whose offsets to reset");
    private readonly Option<string[]> _topics = new("--topic") { Description = "Topic, or topic:0,1,3-5 for some partitions (repeatable)", HelpName = "topic[:partitions]" };
    private readonly Option<bool> _allTopics = new("--all-topics") { Description = "Every topic the group has committed offsets for" };
    private readonly ResetStrategyOptions _strategy = new();
    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Only show old → new offsets (the default)" };
    private readonly Option<bool> _execute = new("--execute") { Description = "Apply the new offsets" };

    public GroupsResetOffsetsCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("reset-offsets", "Reset a group's committed offsets (dry run unless --execute)") { _topics, _allTopics };
        _strategy.AddTo(command);
        command.Add(_dryRun);
        command.Add(_execute);
        _group.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var groupId = _group.Single(parse);
        var strategy = _strategy.Parse(parse);
        var execute = parse.GetValue(_execute);
        if (execute && parse.GetValue(_dryRun))
        {
            throw CliException.Usage("--dry-run and --execute are mutually exclusive");
        }

        var topicValues = parse.GetValue(_topics) ?? [];
        if (parse.GetValue(_allTopics) == (topicValues.Length > 0))
        {
            throw CliException.Usage("choose the partitions with either --topic (repeatable) or --all-topics");
        }

        IReadOnlyList<TopicSelection>? topics = topicValues.Length > 0 ? [.. topicValues.Select(TopicSelection.Parse)] : null;
        await using var admin = context.CreateAdmin();
        await RequireInactiveAsync(admin, groupId, cancellationToken);
        var changes = await ProgressDisplay.RunAsync(context, $"planning the reset of {groupId}", null, progress =>
            OffsetResetPlanner.PlanAsync(admin, groupId, topics, strategy, progress, cancellationToken));
        if (execute)
        {
            await ProgressDisplay.RunAsync(context, $"committing {changes.Count} offset(s) of {groupId}", changes.Count, progress =>
                CommitAsync(admin, groupId, changes, progress, cancellationToken));
        }

        Render(context, new OffsetResetJson(groupId, execute, changes));
        return ExitCodes.Ok;
    }

    /// <summary>Refused while members are active: they would overwrite the reset with their next commit.</summary>
    private static async Task RequireInactiveAsync(KafkaAdminClient admin, string groupId, CancellationToken cancellationToken)
    {
        var description = await GroupInspector.DescribeAsync(admin, groupId, cancellationToken);
        if (description.State is not ("Empty" or GroupInspector.Dead))
        {
            throw Active(groupId, description.State);
        }
    }

    private static async Task<bool> CommitAsync(KafkaAdminClient admin, string groupId, List<OffsetChangeJson> changes, IProgressTracker progress, CancellationToken cancellationToken)
    {
        foreach (var chunk in changes.Chunk(CommitChunk))
        {
            var offsets = chunk.ToDictionary(c => new TopicPartition(c.Topic, c.Partition), c => new OffsetAndMetadata(c.NewOffset));
            var results = await admin.AlterConsumerGroupOffsetsAsync(groupId, offsets, cancellationToken: cancellationToken);
            if (results.FirstOrDefault(r => r.Error is not null)?.Error is { } error)
            {
                // The coordinator's answer when members joined between the state check and the commit.
                throw error.Error is ErrorCode.UnknownMemberId or ErrorCode.RebalanceInProgress or ErrorCode.IllegalGeneration
                    ? Active(groupId, "active (a member joined during the reset)")
                    : error;
            }

            progress.Advance(chunk.Length);
        }

        return true;
    }

    private static CliException Active(string groupId, string state) =>
        new(ExitCodes.Refused, "NON_EMPTY_GROUP", $"Assignments can only be reset if the group '{groupId}' is inactive, but the current state is {state}.");

    private static void Render(CliContext context, OffsetResetJson result)
    {
        if (context.Json)
        {
            context.WriteJson(result, CliJsonContext.Default.OffsetResetJson);
        }
        else
        {
            var table = context.CreateTable("GROUP", "TOPIC", "PARTITION", "CURRENT-OFFSET", "NEW-OFFSET");
            foreach (var change in result.Partitions)
            {
                table.AddTextRow(result.GroupId, change.Topic, change.Partition, change.CurrentOffset, change.NewOffset);
            }

            context.Terminal.Write(table);
        }

        if (result.Executed)
        {
            context.Console.Error.WriteLine($"Reset the offsets of group {result.GroupId} for {result.Partitions.Count} partition(s).");
        }
        else
        {
            context.Console.Error.WriteLine("Dry run: nothing was changed. Add --execute to apply these offsets.");
        }
    }
}
