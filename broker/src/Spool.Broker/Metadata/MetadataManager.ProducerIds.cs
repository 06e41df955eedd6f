namespace Spool.Broker.Metadata;

/// <summary>Producer id blocks, as KRaft's AllocateProducerIds: each block is recorded before it is used.</summary>
public sealed partial class MetadataManager
{
    /// <summary>Reserves <paramref name="size"/> producer ids for this broker; durable before it returns.</summary>
    public async Task<(long First, long Last)> AllocateProducerIdBlockAsync(int size, CancellationToken cancellationToken = default)
    {
        long first = 0;
        await CommitAsync(
            current =>
            {
                first = current.NextProducerId;
                return ([new ProducerIdsRecord(NodeId, first + size)], Protocol.ErrorCode.None, null);
            },
            cancellationToken);
        return (first, first + size - 1);
    }
}
