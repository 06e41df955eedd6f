using System.CommandLine;
using Spool.Cli.Infrastructure;

namespace Spool.Cli.Commands.Groups;

/// <summary><c>spool groups</c>: what kafka-consumer-groups.sh does.</summary>
internal sealed class GroupsCommand
{
    private readonly CommandActions _actions;

    public GroupsCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("groups", "List, describe (members, lag), reset offsets of and delete consumer groups");
        command.Add(new GroupsListCommand(_actions).Build());
        command.Add(new GroupsDescribeCommand(_actions).Build());
        command.Add(new GroupsResetOffsetsCommand(_actions).Build());
        command.Add(new GroupsDeleteCommand(_actions).Build());
        return command;
    }
}
