using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Admin;

namespace Spool.Cli.Commands.Groups;

/// <summary><c>spool groups list</c>: every group with its state, optionally only those in given states.</summary>
internal sealed class GroupsListCommand
{
    private readonly CommandActions _actions;
    private readonly Option<string[]> _states = new("--state")
    {
        Description = "Only groups in these states: Empty, Stable, PreparingRebalance, CompletingRebalance, Dead (repeatable)",
        HelpName = "state",
    };

    public GroupsListCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("list", "List consumer groups") { _states };
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var states = (parse.GetValue(_states) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        await using var admin = context.CreateAdmin();
        var groups = await admin.ListConsumerGroupsAsync(new ListConsumerGroupsOptions { States = states.Count == 0 ? null : states }, cancellationToken);
        var rows = groups.Select(g => new GroupListingJson(g.GroupId, g.State, g.ProtocolType, g.Type, g.Coordinator)).ToList();
        if (context.Json)
        {
            context.WriteJson(rows, CliJsonContext.Default.ListGroupListingJson);
            return ExitCodes.Ok;
        }

        var table = context.CreateTable("GROUP", "STATE", "PROTOCOL-TYPE", "COORDINATOR");
        foreach (var row in rows)
        {
            table.AddTextRow(row.GroupId, row.State, row.ProtocolType, row.Coordinator);
        }

        context.Terminal.Write(table);
        return ExitCodes.Ok;
    }
}
