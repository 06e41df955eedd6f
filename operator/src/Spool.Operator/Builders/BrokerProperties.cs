using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Spool.Operator.Entities;

namespace Spool.Operator.Builders;

/// <summary>
/// server.properties of a cluster's brokers: the roles, listeners, quorum and paths the operator owns, then
/// spec.config. Per-pod values (node.id, advertised.listeners) come from the pod's environment, which the broker
/// reads after the file.
/// </summary>
public static class BrokerProperties
{
    /// <summary>Keys the operator sets itself; spec.config may not override them.</summary>
    public static IReadOnlySet<string> Reserved { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "node.id", "broker.id", "process.roles", "controller.quorum.voters", "controller.quorum.bootstrap.servers",
        "controller.listener.names", "listeners", "advertised.listeners", "listener.security.protocol.map",
        "inter.broker.listener.name", "log.dirs", "log.dir", "metadata.log.dir", "http.listeners",
    };

    public static IReadOnlyList<string> ReservedKeysIn(IReadOnlyDictionary<string, string>? config) =>
        config is null ? [] : [.. config.Keys.Where(Reserved.Contains).Order(StringComparer.Ordinal)];

    /// <summary>The file, in a stable order so that its hash changes only when its meaning does.</summary>
    public static string Render(SpoolCluster cluster, ClusterNames names)
    {
        var spec = cluster.Spec ?? new ClusterSpec();
        var text = new StringBuilder();
        text.Append("# Written by spool-operator for Cluster ").Append(names.Namespace).Append('/').Append(names.Cluster)
            .Append(": change spec.config of the Cluster, not this file.\n")
            .Append("# node.id and advertised.listeners are per pod: SPOOL_NODE_ID and SPOOL_ADVERTISED_LISTENERS in the environment.\n");
        var port = BrokerPorts.Kafka.ToString(CultureInfo.InvariantCulture);
        var controllerPort = BrokerPorts.Controller.ToString(CultureInfo.InvariantCulture);
        Line(text, "process.roles", "broker,controller");
        Line(text, "controller.listener.names", "CONTROLLER");
        Line(text, "listeners", $"PLAINTEXT://:{port},CONTROLLER://:{controllerPort}");
        Line(text, "inter.broker.listener.name", "PLAINTEXT");
        Line(text, "listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        Line(text, "controller.quorum.voters", QuorumVoters.Render(names, spec.Replicas));
        Line(text, "log.dirs", BrokerPaths.LogDir);
        Line(text, "http.listeners", $"http://0.0.0.0:{BrokerPorts.Http.ToString(CultureInfo.InvariantCulture)}");
        if (spec.Config is { Count: > 0 } config)
        {
            text.Append("# spec.config\n");
            foreach (var (key, value) in config.Where(kv => !Reserved.Contains(kv.Key)).OrderBy(kv => kv.Key, StringComparer.Ordinal))
            {
                Line(text, key, value);
            }
        }

        return text.ToString();
    }

    /// <summary>A short digest put on the pod template, so that a config change makes a new StatefulSet revision.</summary>
    public static string Hash(string content) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)))[..16];

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append(Escape(key, isKey: true)).Append('=').Append(Escape(value, isKey: false)).Append('\n');

    /// <summary>java.util.Properties escaping: backslashes, line breaks, separators in keys, a value's leading blanks.</summary>
    private static string Escape(string text, bool isKey)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\\':
                    result.Append("\\\\");
                    break;
                case '\n':
                    result.Append("\\n");
                    break;
                case '\r':
                    result.Append("\\r");
                    break;
                case '\t':
                    result.Append("\\t");
                    break;
                case '=' or ':' or ' ' when isKey:
                    result.Append('\\').Append(c);
                    break;
                case ' ' when i == 0:
                    result.Append("\\ ");
                    break;
                case '#' or '!' when i == 0 && isKey:
                    result.Append('\\').Append(c);
                    break;
                default:
                    result.Append(c);
                    break;
            }
        }

        return result.ToString();
    }
}
