using System.Text;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// The process's standard streams and environment as the CLI sees them, so that tests can run the whole CLI
/// in-process with captured output, a given stdin and a pretend terminal.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, TextReader input, bool isOutputTerminal = false, IReadOnlyDictionary<string, string>? environment = null)
    {
        Out = output;
        Error = error;
        In = input;
        IsOutputTerminal = isOutputTerminal;
        Environment = environment;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public TextReader In { get; }

    /// <summary>Whether stdout is an interactive terminal: tables get borders and colours, long operations progress bars.</summary>
    public bool IsOutputTerminal { get; }

    /// <summary>Environment variables; null reads the process's.</summary>
    private IReadOnlyDictionary<string, string>? Environment { get; }

    public string? GetEnvironmentVariable(string name) =>
        Environment is null
            ? System.Environment.GetEnvironmentVariable(name)
            : Environment.TryGetValue(name, out var value) ? value : null;

    /// <summary>
    /// The real console. Redirected stdout gets a large buffer (flushed per batch and at exit) because consuming
    /// into a pipe writes one line per record; a terminal keeps Console.Out so Spectre can size and animate it.
    /// </summary>
    public static CliConsole ForProcess()
    {
        var terminal = !Console.IsOutputRedirected;
        var output = terminal
            ? Console.Out
            : new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(false), 1 << 16) { AutoFlush = false };
        var input = new StreamReader(Console.OpenStandardInput(), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, 1 << 16);
        return new CliConsole(output, Console.Error, input, terminal);
    }
}
