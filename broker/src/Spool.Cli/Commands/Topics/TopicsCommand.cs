using System.CommandLine;
using Spool.Cli.Infrastructure;

namespace Spool.Cli.Commands.Topics;

/// <summary><c>spool topics</c>: what kafka-topics.sh does, plus config changes.</summary>
internal sealed class TopicsCommand
{
    private readonly CommandActions _actions;

    public TopicsCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("topics", "List, describe, create, alter and delete topics");
        command.Add(new TopicsListCommand(_actions).Build());
        command.Add(new TopicsDescribeCommand(_actions).Build());
        command.Add(new TopicsCreateCommand(_actions).Build());
        command.Add(new TopicsAlterCommand(_actions).Build());
        command.Add(new TopicsDeleteCommand(_actions).Build());
        return command;
    }
}
