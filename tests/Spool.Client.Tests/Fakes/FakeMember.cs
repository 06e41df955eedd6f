using Spool.Protocol.Messages;

namespace Spool.Client.Tests.Fakes;

/// <summary>A live member of a fake group, with the join or sync it is waiting on.</summary>
public sealed class FakeMember
{
    public FakeMember(string id, string clientId)
    {
        Id = id;
        ClientId = clientId;
    }

    public string Id { get; }

    public string ClientId { get; }

    public List<JoinGroupRequest.JoinGroupRequestProtocol> Protocols { get; set; } = [];

    public byte[] Assignment { get; set; } = [];

    internal TaskCompletionSource<JoinGroupResponse>? PendingJoin { get; set; }

    internal TaskCompletionSource<SyncGroupResponse>? PendingSync { get; set; }
}
