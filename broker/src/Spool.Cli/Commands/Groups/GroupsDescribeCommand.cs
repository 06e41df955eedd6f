using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;

namespace Spool.Cli.Commands.Groups;

/// <summary>
/// <c>spool groups describe &lt;group...&gt;</c>: state, members (client id, host, assignment) and per partition the
/// committed offset, log end offset and lag, as kafka-consumer-groups.sh --describe shows them.
/// </summary>
internal sealed class GroupsDescribeCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _groups = new("group", "Group(s) to describe");
    private readonly Option<bool> _allGroups = new("--all-groups") { Description = "Describe every group" };

    public GroupsDescribeCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("describe", "Show a group's state, members, committed offsets, end offsets and lag") { _allGroups };
        _groups.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        await using var admin = context.CreateAdmin();
        var names = parse.GetValue(_allGroups)
            ? [.. (await admin.ListConsumerGroupsAsync(cancellationToken: cancellationToken)).Select(g => g.GroupId)]
            : _groups.Some(parse);

        var details = new List<GroupDetailJson>();
        string? missing = null;
        foreach (var name in names)
        {
            if (await GroupInspector.DetailAsync(admin, name, cancellationToken) is { } detail)
            {
                details.Add(detail);
            }
            else
            {
                missing ??= name;
            }
        }

        if (context.Json)
        {
            context.WriteJson(details, CliJsonContext.Default.ListGroupDetailJson);
        }
        else
        {
            foreach (var detail in details)
            {
                Render(context, detail);
            }
        }

        return missing is null ? ExitCodes.Ok : throw CliException.UnknownGroup(missing);
    }

    private static void Render(CliContext context, GroupDetailJson group)
    {
        var coordinator = group.Coordinator is { } c ? $"{c.NodeId} ({c.Host}:{c.Port})" : "-";
        context.WriteLine(
            $"Group: {group.GroupId}  State: {group.State}  Assignor: {Tables.Cell(group.Assignor)}  " +
            $"Coordinator: {coordinator}  Members: {group.Members.Count}  Total lag: {group.TotalLag}");

        if (group.Members.Count > 0)
        {
            var members = context.CreateTable("CONSUMER-ID", "GROUP-INSTANCE-ID", "CLIENT-ID", "HOST", "#PARTITIONS", "ASSIGNMENT");
            foreach (var m in group.Members)
            {
                var assignment = string.Join(' ', m.Assignment.GroupBy(p => p.Topic).Select(t => $"{t.Key}({string.Join(',', t.Select(p => p.Partition))})"));
                members.AddTextRow(m.MemberId, m.GroupInstanceId, m.ClientId, m.Host, m.Assignment.Count, assignment);
            }

            context.Terminal.Write(members);
        }

        var offsets = context.CreateTable("TOPIC", "PARTITION", "CURRENT-OFFSET", "LOG-END-OFFSET", "LAG", "CONSUMER-ID", "HOST", "CLIENT-ID");
        foreach (var o in group.Offsets)
        {
            offsets.AddTextRow(o.Topic, o.Partition, o.CommittedOffset, o.EndOffset, o.Lag, o.MemberId, o.Host, o.ClientId);
        }

        context.Terminal.Write(offsets);
        context.WriteLine("");
    }
}
