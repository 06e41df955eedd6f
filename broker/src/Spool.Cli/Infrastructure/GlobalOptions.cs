using System.CommandLine;

namespace Spool.Cli.Infrastructure;

/// <summary>Options every command accepts (recursive on the root command), named as in Kafka's tools.</summary>
internal sealed class GlobalOptions
{
    public const string BootstrapVariable = "SPOOL_BOOTSTRAP";
    public const string DefaultBootstrap = "localhost:9092";
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public Option<string?> BootstrapServer { get; } = new("--bootstrap-server", "-b")
    {
        Description = $"Broker(s) to connect to, host:port[,host:port...] (env {BootstrapVariable}; default {DefaultBootstrap})",
        HelpName = "host:port",
        Recursive = true,
    };

    public Option<OutputFormat> Output { get; } = new("--output", "-o")
    {
        Description = "Output format: table for people, json for scripts [default: table]",
        HelpName = "table|json",
        Recursive = true,
        CustomParser = result => result.Tokens[0].Value.ToLowerInvariant() switch
        {
            "table" => OutputFormat.Table,
            "json" => OutputFormat.Json,
            var other => Invalid(result, other),
        },
    };

    public Option<TimeSpan?> Timeout { get; } = new("--timeout")
    {
        Description = "How long an operation may take, retries included: 500ms, 30s, 2m or milliseconds (default 30s)",
        HelpName = "duration",
        Recursive = true,
        CustomParser = result =>
        {
            var token = result.Tokens[0].Value;
            if (DurationParser.TryParse(token, out var duration) && duration > TimeSpan.Zero)
            {
                return duration;
            }

            result.AddError($"--timeout {token}: expected a positive duration such as 500ms, 30s or 2m");
            return null;
        },
    };

    public Option<string?> CommandConfig { get; } = new("--command-config")
    {
        Description = "Properties file with client configs (Java client names: client.id, request.timeout.ms, acks, ...)",
        HelpName = "file",
        Recursive = true,
    };

    public Option<string[]> Property { get; } = new("--property", "-X")
    {
        Description = "A client config key=value, overriding --command-config (repeatable)",
        HelpName = "key=value",
        Recursive = true,
    };

    public IEnumerable<Option> All => [BootstrapServer, Output, Timeout, CommandConfig, Property];

    private static OutputFormat Invalid(System.CommandLine.Parsing.ArgumentResult result, string value)
    {
        result.AddError($"--output {value}: expected table or json");
        return OutputFormat.Table;
    }
}
