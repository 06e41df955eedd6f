namespace Spool.Client.Metadata;

/// <summary>A broker of the cluster as advertised in metadata.</summary>
public sealed record BrokerNode(int NodeId, string Host, int Port, string? Rack)
{
    public override string ToString() => $"{Host}:{Port} (id: {NodeId}{(Rack is null ? "" : $" rack: {Rack}")})";
}
