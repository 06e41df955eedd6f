using Spool.Protocol.Records;

namespace Spool.Protocol.Tests;

/// <summary>
/// Mutated record batches, every codec: the validator never throws and the reader fails only with
/// <see cref="RecordFormatException"/>. The validator's CRC check is bypassed by recomputing the CRC, so the
/// record walk and the decompressors see the damage.
/// </summary>
public sealed class RecordFuzzTests
{
    [Theory]
    [InlineData(CompressionType.None)]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void DamagedBatchesAreRefusedCleanly(CompressionType compression)
    {
        var random = new Random((int)compression + 99);
        var batch = RecordBatchTests.Batch(0, 12, compression);
        var options = new RecordValidationOptions { MaxDecompressedBytes = 1 << 20 };
        for (var i = 0; i < 1_500; i++)
        {
            var mutated = DecoderFuzzTests.Mutate(batch, random);
            if (random.Next(4) != 0 && mutated.Length >= RecordBatchHeader.Size)
            {
                RecordBatchHeader.UpdateCrc(mutated);
            }

            var result = RecordBatchValidator.ValidateProduceBatch(mutated, options);
            if (!result.IsValid)
            {
                result.Message.Should().NotBeNullOrEmpty();
            }

            try
            {
                RecordBatchReader.ReadAllRecords(mutated, 1 << 20);
            }
            catch (RecordFormatException)
            {
                // The reader's one way to refuse a batch.
            }
        }
    }
}
