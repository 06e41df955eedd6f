using System.CommandLine;
using Spool.Cli.Infrastructure;
using Spool.Cli.Output;
using Spool.Client;

namespace Spool.Cli.Commands.Groups;

/// <summary>
/// <c>spool groups delete &lt;group...&gt;</c>: deletes groups and their committed offsets. The broker refuses a group
/// with active members (NON_EMPTY_GROUP, exit 6).
/// </summary>
internal sealed class GroupsDeleteCommand
{
    private readonly CommandActions _actions;
    private readonly NameInput _groups = new("group", "Group(s) to delete");

    public GroupsDeleteCommand(CommandActions actions) => _actions = actions;

    public Command Build()
    {
        var command = new Command("delete", "Delete consumer groups (they must have no active members)");
        _groups.AddTo(command);
        _actions.Bind(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CliContext context, ParseResult parse, CancellationToken cancellationToken)
    {
        await using var admin = context.CreateAdmin();
        var results = await admin.DeleteConsumerGroupsAsync(_groups.Some(parse), cancellationToken: cancellationToken);
        var rows = results.Select(r => new GroupDeletedJson(
            r.GroupId, r.Error is null, r.Error is { } e ? KafkaErrors.Name(e.Error) : null, r.Error?.ServerMessage)).ToList();
        if (context.Json)
        {
            context.WriteJson(rows, CliJsonContext.Default.ListGroupDeletedJson);
        }
        else
        {
            foreach (var row in rows.Where(r => r.Deleted))
            {
                context.WriteLine($"Deleted group {row.GroupId}.");
            }
        }

        // Every failure is reported; the exit code is the first one's.
        var exitCode = ExitCodes.Ok;
        foreach (var failure in results.Where(r => r.Error is not null))
        {
            var code = ErrorReporter.Report(failure.Error!, context.Console, context.Json, cancellationToken);
            exitCode = exitCode == ExitCodes.Ok ? code : exitCode;
        }

        return exitCode;
    }
}
