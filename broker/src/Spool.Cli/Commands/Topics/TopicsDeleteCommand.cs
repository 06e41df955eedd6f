using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Protocol;

namespace Spool.Cli.Commands.Topics;

/// <summary><c>spool topics delete &lt;topic...&gt;</c>: deletes topics and their data.</summary>
internal sealed class TopicsDeleteCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _topics = new("topic", "Topic(s) to delete");
    private readonly Option<bool> _ifExists = new("--if-exists") { Description = "Succeed for topics that do not exist" };

    public TopicsDeleteCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("delete", "Delete topics") { _ifExists };
        _topics.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        var names = _topics.Some(parse);
        var ifExists = parse.GetValue(_ifExists);
        await using var admin = context.CreateAdmin();
        var results = await admin.DeleteTopicsAsync(names, cancellationToken: cancellationToken);
        var absent = results.Where(r => r.Error?.Error == ErrorCode.UnknownTopicOrPartition).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var failure = results.FirstOrDefault(r => r.Error is not null && !(ifExists && absent.Contains(r.Name)));
        var rows = results.Where(r => r.Error is null || (ifExists && absent.Contains(r.Name)))
            .Select(r => new TopicDeletedJson(r.Name, r.Error is null)).ToList();

        if (context.Json)
        {
            context.WriteJson(rows, CliJsonContext.Default.ListTopicDeletedJson);
        }
        else
        {
            foreach (var row in rows)
            {
                context.WriteLine(row.Deleted ? $"Deleted topic {row.Name}." : $"Topic {row.Name} does not exist.");
            }
        }

        if (failure is { Error: { } error })
        {
            throw error.Error == ErrorCode.UnknownTopicOrPartition ? CliException.UnknownTopic(failure.Name) : error;
        }

        return ExitCodes.Ok;
    }
}
