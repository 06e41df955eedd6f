using Spool.Testing;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>
/// Where the third-party clients and their runtimes are. ./test.sh installs them (python3-confluent-kafka from
/// apt, kafkajs by npm ci in tests/compat), so in CI none is missing.
/// </summary>
public static class ThirdPartyClients
{
    public const string Python = ToolPaths.DebianPython;

    public static string ScriptsDirectory => RepoPaths.Combine("tests", "Spool.Cli.Tests", "Scripts");

    public static string NodeModules => RepoPaths.Combine("tests", "compat", "node_modules");

    public static string? Node => ToolPaths.Node;

    /// <summary>Null when the client can run here, else why not (the skip reason).</summary>
    public static string? MissingReason(ThirdPartyClient client) => client switch
    {
        ThirdPartyClient.ConfluentKafka => ToolPaths.ConfluentKafkaMissingReason,
        ThirdPartyClient.Kafkajs when Node is null => "node is not installed",
        ThirdPartyClient.Kafkajs when !Directory.Exists(Path.Combine(NodeModules, "kafkajs")) =>
            "tests/compat/node_modules/kafkajs is missing (npm ci in tests/compat; ./test.sh does it)",
        _ => null,
    };
}
