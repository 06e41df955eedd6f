namespace Spool.Client.Consumer.Groups;

/// <summary>The consumer's membership: generation -1 and an empty member id when it is not (yet) a member.</summary>
public sealed record ConsumerGroupMetadata(string GroupId, int GenerationId, string MemberId, string? GroupInstanceId);
