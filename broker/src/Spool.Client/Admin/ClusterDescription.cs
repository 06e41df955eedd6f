using Spool.Client.Metadata;

namespace Spool.Client.Admin;

/// <summary>The cluster: its id, the active controller (null if unknown) and the brokers.</summary>
public sealed record ClusterDescription(string? ClusterId, BrokerNode? Controller, IReadOnlyList<BrokerNode> Brokers);
