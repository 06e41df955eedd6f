namespace Spool.Client.Tests.Fakes;

/// <summary>A consumer group of a fake cluster: committed offsets and a description.</summary>
public sealed class FakeGroup
{
    public FakeGroup(string id)
    {
        Id = id;
    }

    public string Id { get; }

    public string State { get; set; } = "Empty";

    public string ProtocolType { get; set; } = "";

    public string Protocol { get; set; } = "";

    public List<(string MemberId, string ClientId, byte[] Assignment)> Members { get; } = [];

    public Dictionary<TopicPartition, (long Offset, string? Metadata, int LeaderEpoch)> Offsets { get; } = [];

    /// <summary>Members that joined through JoinGroup (the coordinator's view); <see cref="Members"/> mirrors them once stable.</summary>
    public Dictionary<string, FakeMember> Live { get; } = new(StringComparer.Ordinal);

    public HashSet<string> PendingMemberIds { get; } = new(StringComparer.Ordinal);

    public int Generation { get; set; }

    public string? Leader { get; set; }

    /// <summary>Completes the rebalance that is collecting joins (null when none is).</summary>
    internal CancellationTokenSource? JoinWindow { get; set; }
}
