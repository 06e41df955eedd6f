using BenchmarkDotNet.Attributes;
using Spool.Protocol.Records;

namespace Spool.Bench;

/// <summary>
/// The broker's check of every produced batch (CRC-32C, header fields, every record parsed), the per-batch work
/// of the produce path before the append. A ~1 MB batch as librdkafka sends under load.
/// </summary>
[MemoryDiagnoser]
public class ProduceValidationBenchmarks
{
    private byte[] _batch = [];
    private RecordValidationOptions _options = RecordValidationOptions.Default;

    [Params(100, 1024)]
    public int RecordBytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var value = new byte[RecordBytes];
        new Random(7).NextBytes(value);
        using var builder = new RecordBatchBuilder();
        var count = 1_000_000 / (RecordBytes + 10);
        for (var i = 0; i < count; i++)
        {
            builder.Append(1_700_000_000_000 + i, key: null, value: value);
        }

        _batch = builder.Build();
        _options = new RecordValidationOptions { NowMs = 1_700_000_000_000 };
        if (!RecordBatchValidator.ValidateProduceBatch(_batch, _options).IsValid)
        {
            throw new InvalidOperationException("the benchmark batch does not validate");
        }
    }

    [Benchmark]
    public bool Validate() => RecordBatchValidator.ValidateProduceBatch(_batch, _options).IsValid;
}
