using System.Globalization;
using Spool.Broker.Configuration;
using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>
/// meta.properties in every log dir, as Kafka writes it (version 1: cluster.id, node.id, directory.id).
/// Spool formats an empty directory on first start (Kafka needs kafka-storage.sh format); a directory that
/// belongs to another node or cluster is refused, so a misconfigured node never serves foreign data.
/// </summary>
public sealed record MetaProperties(string ClusterId, int NodeId, string DirectoryId)
{
    public const string FileName = "meta.properties";

    public static MetaProperties? Read(string logDir)
    {
        var path = Path.Combine(logDir, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        var values = PropertiesFile.Parse(File.ReadAllText(path));
        if (!values.TryGetValue("cluster.id", out var clusterId) || !values.TryGetValue("node.id", out var nodeText)
            || !int.TryParse(nodeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var nodeId))
        {
            throw new BrokerConfigException($"{path} is missing cluster.id or node.id");
        }

        return new MetaProperties(clusterId, nodeId, values.GetValueOrDefault("directory.id") ?? Uuid.NewRandom().ToString());
    }

    public void Write(string logDir)
    {
        Directory.CreateDirectory(logDir);
        var path = Path.Combine(logDir, FileName);
        var tmp = path + ".tmp";
        File.WriteAllText(tmp, $"#\n#{DateTimeOffset.UtcNow:R}\nversion=1\ncluster.id={ClusterId}\nnode.id={NodeId}\ndirectory.id={DirectoryId}\n");
        File.Move(tmp, path, overwrite: true);
    }

    /// <summary>Reads or creates meta.properties in every log dir and returns the cluster id they agree on.</summary>
    public static string EnsureFormatted(IReadOnlyList<string> logDirs, int nodeId)
    {
        var existing = logDirs.Select(d => (Dir: d, Props: Read(d))).ToList();
        string? clusterId = null;
        foreach (var (dir, props) in existing)
        {
            if (props is null)
            {
                continue;
            }

            if (props.NodeId != nodeId)
            {
                throw new BrokerConfigException($"{Path.Combine(dir, FileName)} belongs to node.id {props.NodeId}, but this broker is node.id {nodeId}");
            }

            if (clusterId is not null && clusterId != props.ClusterId)
            {
                throw new BrokerConfigException($"log dirs belong to different clusters ({clusterId} and {props.ClusterId})");
            }

            clusterId = props.ClusterId;
        }

        clusterId ??= Uuid.NewRandom().ToString();
        foreach (var (dir, props) in existing.Where(e => e.Props is null))
        {
            new MetaProperties(clusterId, nodeId, Uuid.NewRandom().ToString()).Write(dir);
        }

        return clusterId;
    }
}
