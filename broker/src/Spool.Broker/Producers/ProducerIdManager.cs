using Spool.Broker.Metadata;

namespace Spool.Broker.Producers;

/// <summary>
/// Hands out producer ids from blocks reserved in the metadata log, so an id is never given twice, even
/// across restarts (a restart abandons the rest of its block, as Kafka does).
/// </summary>
public sealed class ProducerIdManager : IDisposable
{
    private const int BlockSize = 1000;
    private readonly MetadataManager _metadata;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private long _next;
    private long _last = -1;

    public ProducerIdManager(MetadataManager metadata) => _metadata = metadata;

    public void Dispose() => _lock.Dispose();

    public async Task<long> NextAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            if (_next > _last)
            {
                (_next, _last) = await _metadata.AllocateProducerIdBlockAsync(BlockSize, cancellationToken);
            }

            return _next++;
        }
        finally
        {
            _lock.Release();
        }
    }
}
