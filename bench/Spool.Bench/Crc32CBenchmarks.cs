using System.Numerics;
using BenchmarkDotNet.Attributes;
using Spool.Protocol.Records;

namespace Spool.Bench;

/// <summary>
/// CRC-32C over a produce batch's worth of bytes: Spool's three-stream implementation against a single
/// dependency chain of the same CRC instruction (what a straightforward loop does).
/// </summary>
[MemoryDiagnoser]
public class Crc32CBenchmarks
{
    private byte[] _data = [];

    [Params(1024, 64 * 1024, 1024 * 1024)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _data = new byte[Size];
        new Random(42).NextBytes(_data);
    }

    [Benchmark(Baseline = true)]
    public uint SingleChain()
    {
        var state = ~0u;
        var span = _data.AsSpan();
        var i = 0;
        for (; i + 8 <= span.Length; i += 8)
        {
            state = BitOperations.Crc32C(state, BitConverter.ToUInt64(span[i..]));
        }

        for (; i < span.Length; i++)
        {
            state = BitOperations.Crc32C(state, span[i]);
        }

        return ~state;
    }

    [Benchmark]
    public uint ThreeStreams() => Crc32C.Compute(_data);
}
