using System.CommandLine;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;
using Spool.Client;
using Spool.Client.Admin;
using Spool.Client.Consumer;
using Spool.Client.Producer;

namespace Spool.Cli.Infrastructure;

/// <summary>
/// What one invocation needs besides its own options: where the cluster is, how to print, how long to wait,
/// and factories for clients configured from the global options and client properties.
/// </summary>
internal sealed class CliContext
{
    private const string ClientId = "spool-cli";
    private IAnsiConsole? _terminal;

    private CliContext(CliConsole console, OutputFormat format, TimeSpan timeout, string bootstrapServers, ClientProperties properties)
    {
        Console = console;
        Format = format;
        Timeout = timeout;
        BootstrapServers = bootstrapServers;
        Properties = properties;
    }

    public CliConsole Console { get; }

    public OutputFormat Format { get; }

    public bool Json => Format == OutputFormat.Json;

    /// <summary><c>--timeout</c>: the bound of each admin operation and of waits such as joining a group.</summary>
    public TimeSpan Timeout { get; }

    public string BootstrapServers { get; }

    public ClientProperties Properties { get; }

    /// <summary>Progress bars only for a person watching a terminal; pipes and scripts get quiet output.</summary>
    public bool ShowProgress => Console.IsOutputTerminal;

    /// <summary>Spectre's view of stdout: ANSI and animation on a terminal, plain wide text otherwise.</summary>
    public IAnsiConsole Terminal => _terminal ??= CreateTerminal(Console);

    /// <summary>
    /// Resolves the global options. The bootstrap servers come from --bootstrap-server, else bootstrap.servers in
    /// the client properties (a file given on this command line is more specific than the environment), else
    /// SPOOL_BOOTSTRAP, else localhost:9092.
    /// </summary>
    public static CliContext Create(ParseResult parse, GlobalOptions globals, CliConsole console)
    {
        var properties = ClientProperties.Load(parse.GetValue(globals.CommandConfig), parse.GetValue(globals.Property) ?? []);
        foreach (var key in properties.UnknownKeys)
        {
            console.Error.WriteLine($"spool: warning: unknown client property '{key}' ignored");
        }

        var bootstrap = parse.GetValue(globals.BootstrapServer)
            ?? properties.Get("bootstrap.servers")
            ?? NonEmpty(console.GetEnvironmentVariable(GlobalOptions.BootstrapVariable))
            ?? GlobalOptions.DefaultBootstrap;
        var timeout = parse.GetValue(globals.Timeout)
            ?? (properties.Get("default.api.timeout.ms") is { } ms ? PropertyValues.Milliseconds("default.api.timeout.ms", ms) : GlobalOptions.DefaultTimeout);
        return new CliContext(console, parse.GetValue(globals.Output), timeout, bootstrap, properties);
    }

    public KafkaAdminClient CreateAdmin()
    {
        var options = Configure(new AdminClientOptions());
        options.DefaultApiTimeout = Timeout;
        return new KafkaAdminClient(options);
    }

    public KafkaProducer CreateProducer(Action<ProducerOptions> configure)
    {
        var options = Configure(new ProducerOptions { MaxBlock = Timeout });
        configure(options);
        return new KafkaProducer(options);
    }

    public KafkaConsumer CreateConsumer(Action<ConsumerOptions> configure)
    {
        var options = Configure(new ConsumerOptions { DefaultApiTimeout = Timeout });
        configure(options);
        return new KafkaConsumer(options);
    }

    /// <summary>A token that fires after --timeout, for waits that have no timeout of their own.</summary>
    public CancellationTokenSource Deadline(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(Timeout);
        return source;
    }

    public void WriteJson<T>(T value, JsonTypeInfo<T> type) =>
        Console.Out.WriteLine(System.Text.Json.JsonSerializer.Serialize(value, type));

    /// <summary>A table styled for where it goes: rounded borders on a terminal, whitespace-aligned columns (awk-friendly) in a pipe.</summary>
    public Table CreateTable(params string[] headers)
    {
        var table = new Table { Border = Console.IsOutputTerminal ? TableBorder.Rounded : TableBorder.None };
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header, new Style(decoration: Decoration.Bold))) { NoWrap = true };
            if (!Console.IsOutputTerminal)
            {
                column.Padding = new Padding(0, 0, 2, 0);
            }

            table.AddColumn(column);
        }

        return table;
    }

    public void WriteLine(string text) => Terminal.WriteLine(text);

    private T Configure<T>(T options)
        where T : ClientOptions
    {
        options.ClientId = ClientId;
        Properties.ApplyTo(options);
        options.BootstrapServers = BootstrapServers;

        // One attempt must not outlast the whole operation, or --timeout 2s could wait 30s on a silent broker.
        options.RequestTimeout = Min(options.RequestTimeout, Timeout);
        options.SocketConnectionSetupTimeout = Min(options.SocketConnectionSetupTimeout, Timeout);
        return options;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static IAnsiConsole CreateTerminal(CliConsole console)
    {
        var terminal = console.IsOutputTerminal;
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(console.Out),
        });

        // Spectre assumes 80 columns off a terminal; a pipe has no width, so rows must not wrap.
        if (!terminal || ansi.Profile.Width < 40)
        {
            ansi.Profile.Width = terminal ? 80 : 4096;
        }

        return ansi;
    }
}
