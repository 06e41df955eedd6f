using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client.Admin;
using Spool.Client.Metadata;

namespace Spool.Cli.Commands.Cluster;

/// <summary><c>spool cluster info</c>: cluster id, active controller, brokers, and how many topics and partitions there are.</summary>
internal sealed class ClusterInfoCommand
{
    private readonly CommandActions _actions;

    public ClusterInfoCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("info", "Show the cluster id, controller, brokers and topic count");
        _actions.Bind(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        await using var admin = context.CreateAdmin();
        var cluster = await admin.DescribeClusterAsync(cancellationToken: cancellationToken);
        var topics = await admin.ListTopicsAsync(new ListTopicsOptions { ListInternal = true }, cancellationToken);
        var described = topics.Count == 0 ? [] : await admin.DescribeTopicsAsync(topics.Select(t => t.Name), cancellationToken: cancellationToken);
        var info = new ClusterInfoJson(
            cluster.ClusterId,
            cluster.Controller is { } controller ? Broker(controller) : null,
            [.. cluster.Brokers.Select(Broker)],
            topics.Count(t => !t.IsInternal),
            topics.Count(t => t.IsInternal),
            described.Where(d => d.Error is null).Sum(d => d.Partitions.Count));

        if (context.Json)
        {
            context.WriteJson(info, CliJsonContext.Default.ClusterInfoJson);
            return ExitCodes.Ok;
        }

        context.WriteLine($"Cluster id:   {info.ClusterId ?? "-"}");
        context.WriteLine($"Controller:   {(info.Controller is { } c ? $"{c.NodeId} ({c.Host}:{c.Port})" : "-")}");
        context.WriteLine($"Topics:       {info.Topics} (+{info.InternalTopics} internal), {info.Partitions} partitions");
        var table = context.CreateTable("BROKER", "HOST", "PORT", "RACK", "CONTROLLER");
        foreach (var broker in info.Brokers)
        {
            table.AddTextRow(broker.NodeId, broker.Host, broker.Port, broker.Rack, broker.NodeId == info.Controller?.NodeId ? "yes" : "no");
        }

        context.Terminal.Write(table);
        return ExitCodes.Ok;
    }

    private static BrokerJson Broker(BrokerNode node) => new(node.NodeId, node.Host, node.Port, node.Rack);
}
