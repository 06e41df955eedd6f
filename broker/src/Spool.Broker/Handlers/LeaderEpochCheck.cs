using Spool.Protocol;

namespace Spool.Broker.Handlers;

/// <summary>KIP-320: a request that names the leader epoch it expects is fenced when the epochs differ.</summary>
public static class LeaderEpochCheck
{
    public static ErrorCode Check(int requestEpoch, int currentEpoch) =>
        requestEpoch < 0 || requestEpoch == currentEpoch ? ErrorCode.None
        : requestEpoch < currentEpoch ? ErrorCode.FencedLeaderEpoch
        : ErrorCode.UnknownLeaderEpoch;
}
