using System.Collections.Frozen;
using System.Text;
using Spool.Protocol;

namespace Spool.Client;

/// <summary>Classification of Kafka error codes, following the Java client's exception hierarchy.</summary>
public static class KafkaErrors
{
    // The errors whose Java exception extends RetriableException.
    private static readonly FrozenSet<ErrorCode> Retriable = new[]
    {
        ErrorCode.CorruptMessage,
        ErrorCode.UnknownTopicOrPartition,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderOrFollower,
        ErrorCode.RequestTimedOut,
        ErrorCode.ReplicaNotAvailable,
        ErrorCode.NetworkException,
        ErrorCode.CoordinatorLoadInProgress,
        ErrorCode.CoordinatorNotAvailable,
        ErrorCode.NotCoordinator,
        ErrorCode.NotEnoughReplicas,
        ErrorCode.NotEnoughReplicasAfterAppend,
        ErrorCode.NotController,
        ErrorCode.ConcurrentTransactions,
        ErrorCode.KafkaStorageError,
        ErrorCode.FetchSessionIdNotFound,
        ErrorCode.InvalidFetchSessionEpoch,
        ErrorCode.ListenerNotFound,
        ErrorCode.FencedLeaderEpoch,
        ErrorCode.UnknownLeaderEpoch,
        ErrorCode.OffsetNotAvailable,
        ErrorCode.PreferredLeaderNotAvailable,
        ErrorCode.EligibleLeadersNotAvailable,
        ErrorCode.UnstableOffsetCommit,
        ErrorCode.ThrottlingQuotaExceeded,
        ErrorCode.UnknownTopicId,
        ErrorCode.InconsistentTopicId,
        ErrorCode.FetchSessionTopicIdError,
    }.ToFrozenSet();

    // The errors whose Java exception extends InvalidMetadataException: the client's view of leaders is stale.
    private static readonly FrozenSet<ErrorCode> StaleMetadata = new[]
    {
        ErrorCode.UnknownTopicOrPartition,
        ErrorCode.LeaderNotAvailable,
        ErrorCode.NotLeaderOrFollower,
        ErrorCode.ReplicaNotAvailable,
        ErrorCode.NetworkException,
        ErrorCode.KafkaStorageError,
        ErrorCode.ListenerNotFound,
        ErrorCode.FencedLeaderEpoch,
        ErrorCode.UnknownLeaderEpoch,
        ErrorCode.PreferredLeaderNotAvailable,
        ErrorCode.EligibleLeadersNotAvailable,
        ErrorCode.NotController,
        ErrorCode.UnknownTopicId,
        ErrorCode.InconsistentTopicId,
        ErrorCode.FetchSessionTopicIdError,
    }.ToFrozenSet();

    private static readonly FrozenDictionary<ErrorCode, string> Names = Enum.GetValues<ErrorCode>()
        .ToFrozenDictionary(e => e, e => ToUpperSnake(e.ToString()));

    public static bool IsRetriable(ErrorCode error) => Retriable.Contains(error);

    /// <summary>Whether the error means the cached metadata (leaders, topics, controller) should be refreshed.</summary>
    public static bool InvalidatesMetadata(ErrorCode error) => StaleMetadata.Contains(error);

    /// <summary>The protocol's name for the error, e.g. <c>NOT_LEADER_OR_FOLLOWER</c>.</summary>
    public static string Name(ErrorCode error) =>
        Names.TryGetValue(error, out var name) ? name : $"UNKNOWN_ERROR_{(short)error}";

    private static string ToUpperSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
