namespace Spool.Client.Producer;

/// <summary>An idempotent producer's id and epoch from InitProducerId.</summary>
internal sealed record ProducerIdentity(long ProducerId, short Epoch);
