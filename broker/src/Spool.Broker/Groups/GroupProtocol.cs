namespace Spool.Broker.Groups;

/// <summary>One protocol a member supports (an assignor for consumers) with the member's metadata for it.</summary>
public sealed record GroupProtocol(string Name, byte[] Metadata);
