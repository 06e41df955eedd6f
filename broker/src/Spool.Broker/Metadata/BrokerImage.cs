namespace Spool.Broker.Metadata;

/// <summary>A registered broker and where clients reach it, per listener name.</summary>
public sealed record BrokerImage(int NodeId, IReadOnlyList<BrokerEndpoint> Endpoints, string? Rack, bool Fenced);
