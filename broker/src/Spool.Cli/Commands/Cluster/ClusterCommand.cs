using System.CommandLine;
using Spool.Cli.Infrastructure;

namespace Spool.Cli.Commands.Cluster;

/// <summary><c>spool cluster</c>: the cluster as a whole.</summary>
internal sealed class ClusterCommand
{
    private readonly CommandActions _actions;

    public ClusterCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("cluster", "Cluster-wide information");
        command.Add(new ClusterInfoCommand(_actions).Build());
        return command;
    }
}
