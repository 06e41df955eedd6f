using System.CommandLine;
using Spool.Cli.Commands.Cluster;
using Spool.Cli.Commands.Consume;
using Spool.Cli.Commands.Groups;
using Spool.Cli.Commands.Produce;
using Spool.Cli.Commands.Topics;
using Spool.Cli.Infrastructure;

namespace Spool.Cli;

/// <summary>The <c>spool</c> command line: builds the command tree and runs one invocation.</summary>
public static class SpoolCli
{
    /// <summary>
    /// Runs the CLI with the given arguments and console and returns the exit code (see <see cref="ExitCodes"/>).
    /// Tests call this in-process; <paramref name="cancellationToken"/> stands in for Ctrl+C there.
    /// </summary>
    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(console);
        var globals = new GlobalOptions();
        var root = BuildRoot(globals, console);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,

            // The process entry point lets System.CommandLine turn SIGINT into cancellation; in-process callers
            // pass their own token and must not have a process-wide handler installed.
            ProcessTerminationTimeout = cancellationToken.CanBeCanceled ? null : TimeSpan.FromSeconds(5),
        };

        if (parse.Errors.Count > 0 && parse.Action is System.CommandLine.Invocation.ParseErrorAction)
        {
            return ReportParseErrors(parse, globals, console);
        }

        var exitCode = await parse.InvokeAsync(invocation, cancellationToken);
        await console.Out.FlushAsync(CancellationToken.None);
        return exitCode;
    }

    /// <summary>Usage errors, before anything connects: one line each, or the JSON error object when JSON was asked for.</summary>
    private static int ReportParseErrors(ParseResult parse, GlobalOptions globals, CliConsole console)
    {
        var json = parse.GetResult(globals.Output) is { Tokens: [var token] }
            && string.Equals(token.Value, "json", StringComparison.OrdinalIgnoreCase);
        var message = string.Join("; ", parse.Errors.Select(e => e.Message));
        if (json)
        {
            return ErrorReporter.Report(CliException.Usage(message), console, json: true, CancellationToken.None);
        }

        foreach (var error in parse.Errors)
        {
            console.Error.WriteLine($"spool: INVALID_ARGUMENT: {error.Message}");
        }

        console.Error.WriteLine($"Run '{string.Join(' ', CommandPath(parse))} --help' for usage.");
        return ExitCodes.Usage;
    }

    private static RootCommand BuildRoot(GlobalOptions globals, CliConsole console)
    {
        var actions = new CommandActions(globals, console);
        var root = new RootCommand("spool: topics, consumer groups, produce and consume on a Spool (or any Kafka) cluster");
        foreach (var option in globals.All)
        {
            root.Add(option);
        }

        root.Add(new TopicsCommand(actions).Build());
        root.Add(new GroupsCommand(actions).Build());
        root.Add(new ProduceCommand(actions).Build());
        root.Add(new ConsumeCommand(actions).Build());
        root.Add(new ClusterCommand(actions).Build());
        return root;
    }

    private static IEnumerable<string> CommandPath(ParseResult parse)
    {
        var names = new Stack<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Push(result.Command is RootCommand ? "spool" : result.Command.Name);
        }

        return names;
    }
}
