using System.CommandLine;

namespace Spool.Cli.Infrastructure;

/// <summary>A command's body, given the resolved global settings.</summary>
internal delegate Task<int> CommandBody(CliContext context, ParseResult parse, CancellationToken cancellationToken);

/// <summary>Binds command bodies to System.CommandLine with one place that maps failures to exit codes.</summary>
internal sealed class CommandActions
{
    private readonly GlobalOptions _globals;
    private readonly CliConsole _console;

    public CommandActions(GlobalOptions globals, CliConsole console)
    {
        _globals = globals;
        _console = console;
    }

    public GlobalOptions Globals => _globals;

    public void Bind(Command command, CommandBody body) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var json = parse.GetValue(_globals.Output) == OutputFormat.Json;
            try
            {
                var context = CliContext.Create(parse, _globals, _console);
                return await body(context, parse, cancellationToken);
            }
            catch (Exception e)
            {
                return ErrorReporter.Report(e, _console, json, cancellationToken);
            }
            finally
            {
                await _console.Out.FlushAsync(CancellationToken.None);
            }
        });
}
