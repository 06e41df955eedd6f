using Spool.Protocol;

namespace Spool.Client.Tests.Fakes;

/// <summary>A request the fake server decoded, kept for assertions.</summary>
public sealed record ReceivedRequest(int ConnectionId, RequestHeader Header, IKafkaRequest? Body);
