using Spool.Client.Admin;
using Spool.Protocol;

namespace Spool.Cli.Commands;

/// <summary>
/// Fails fast on a missing topic. The clients would otherwise wait for its metadata until --timeout, which for
/// a typo in a topic name is a long silent pause.
/// </summary>
internal static class TopicGuard
{
    /// <summary>The topic's partition count; UNKNOWN_TOPIC_OR_PARTITION (exit 3) when it does not exist.</summary>
    public static async Task<TopicDescription> RequireAsync(KafkaAdminClient admin, string topic, CancellationToken cancellationToken)
    {
        var described = (await admin.DescribeTopicsAsync([topic], cancellationToken: cancellationToken))[0];
        return described.Error switch
        {
            null => described,
            { Error: ErrorCode.UnknownTopicOrPartition } => throw CliException.UnknownTopic(topic),
            { } error => throw error,
        };
    }

    /// <summary>
    /// For producing: a missing topic is fine when the broker creates topics on first use
    /// (auto.create.topics.enable), as kafka-console-producer.sh relies on.
    /// </summary>
    public static async Task RequireOrAutoCreatedAsync(KafkaAdminClient admin, string topic, CancellationToken cancellationToken)
    {
        var described = (await admin.DescribeTopicsAsync([topic], cancellationToken: cancellationToken))[0];
        if (described.Error is not { } error)
        {
            return;
        }

        if (error.Error != ErrorCode.UnknownTopicOrPartition)
        {
            throw error;
        }

        var cluster = await admin.DescribeClusterAsync(cancellationToken: cancellationToken);
        var broker = cluster.Controller ?? (cluster.Brokers.Count > 0 ? cluster.Brokers[0] : throw CliException.UnknownTopic(topic));
        var configs = await admin.DescribeConfigsAsync(
            [ConfigResource.Broker(broker.NodeId)], new DescribeConfigsOptions { ConfigNames = ["auto.create.topics.enable"] }, cancellationToken);
        var autoCreate = configs[0].Get("auto.create.topics.enable")?.Value;
        if (!string.Equals(autoCreate, "true", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.UnknownTopic(topic);
        }
    }
}
