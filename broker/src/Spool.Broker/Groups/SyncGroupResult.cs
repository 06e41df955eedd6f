using Spool.Protocol;

namespace Spool.Broker.Groups;

/// <summary>What a SyncGroup request is answered with: the member's assignment, or an error.</summary>
public sealed record SyncGroupResult(string? ProtocolType, string? ProtocolName, byte[] Assignment, ErrorCode Error)
{
    public static SyncGroupResult Failed(ErrorCode error) => new(null, null, [], error);
}
