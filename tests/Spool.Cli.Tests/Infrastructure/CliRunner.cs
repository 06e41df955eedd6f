using Spool.Cli.Infrastructure;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>Runs the CLI's entry point in-process against a broker, with captured output and an optional stdin.</summary>
public sealed class CliRunner
{
    private readonly string? _bootstrap;

    public CliRunner(string? bootstrap) => _bootstrap = bootstrap;

    public Task<CliResult> RunAsync(params string[] args) => RunAsync(args, stdin: null);

    public async Task<CliResult> RunAsync(
        string[] args,
        string? stdin,
        bool terminal = false,
        IReadOnlyDictionary<string, string>? environment = null,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        string[] all = _bootstrap is null ? args : ["--bootstrap-server", _bootstrap, .. args];
        using var output = new StringWriter();
        using var error = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var console = new CliConsole(output, error, input, terminal, environment ?? new Dictionary<string, string>());
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? TimeSpan.FromMinutes(2));
        var exitCode = await SpoolCli.RunAsync(all, console, deadline.Token);
        return new CliResult(all, exitCode, output.ToString(), error.ToString());
    }
}
