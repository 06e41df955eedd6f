namespace Spool.Cli.Output;

public sealed record BrokerJson(int NodeId, string Host, int Port, string? Rack);
