using Spool.Protocol;

namespace Spool.Client.Tests.Fakes;

/// <summary>Answers one request; null sends nothing (acks=0 produce, or a broker that stays silent).</summary>
public delegate ValueTask<IKafkaResponse?> FakeRequestHandler(FakeRequestContext context, IKafkaRequest request);
