using System.Buffers;

namespace Spool.Storage;

/// <summary>A rented array exposed as <see cref="IMemoryOwner{T}"/>; disposing returns it to the shared pool.</summary>
internal sealed class PooledBuffer : IMemoryOwner<byte>
{
    private byte[]? _array;

    public PooledBuffer(int minimumLength)
    {
        _array = ArrayPool<byte>.Shared.Rent(minimumLength);
        Length = minimumLength;
    }

    public int Length { get; set; }

    public byte[] Array => _array ?? throw new ObjectDisposedException(nameof(PooledBuffer));

    public Memory<byte> Memory => Array.AsMemory(0, Length);

    public void Dispose()
    {
        var array = Interlocked.Exchange(ref _array, null);
        if (array is not null)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}
