using System.Buffers.Binary;
using System.Text;
using Spool.Protocol.Records;

namespace Spool.Protocol.Tests;

/// <summary>The broker's checks of produced batches: each fault gets Kafka's error, nothing throws.</summary>
public sealed class RecordBatchValidatorTests
{
    [Theory]
    [InlineData(CompressionType.None)]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void ValidBatchesPassAndReportTheirMaxTimestamp(CompressionType compression)
    {
        using var builder = new RecordBatchBuilder(compression) { ProducerId = 5, ProducerEpoch = 0, BaseSequence = 0 };
        builder.Append(2_000, new byte[] { 1 }, new byte[] { 1 });
        builder.Append(3_000, new byte[] { 2 }, new byte[] { 2 });
        builder.Append(2_500, new byte[] { 3 }, new byte[] { 3 });
        var result = RecordBatchValidator.ValidateProduceBatch(builder.Build());
        result.Error.Should().Be(ErrorCode.None, result.Message);
        result.IsValid.Should().BeTrue();
        result.MaxTimestamp.Should().Be(3_000);
        result.OffsetDeltaOfMaxTimestamp.Should().Be(1);
        result.Header.RecordCount.Should().Be(3);
        result.BatchSize.Should().Be(builder.Build().Length);
    }

    [Fact]
    public void EmptyRecordsAreInvalid() =>
        Validate([]).Error.Should().Be(ErrorCode.InvalidRecord);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void LegacyMessageSetsGetInvalidRecordAsInKafka4(byte magic)
    {
        // A magic v0/v1 message: offset, size, crc, magic, attributes, (timestamp), key, value.
        using var writer = new KafkaWriter();
        writer.WriteInt64(0);
        writer.WriteInt32(magic == 0 ? 14 : 22);
        writer.WriteInt32(0);
        writer.WriteInt8((sbyte)magic);
        writer.WriteInt8(0);
        if (magic == 1)
        {
            writer.WriteInt64(0);
        }

        writer.WriteInt32(-1);
        writer.WriteInt32(0);
        var result = Validate(writer.ToArray());
        result.Error.Should().Be(ErrorCode.InvalidRecord);
        result.Message.Should().Contain("magic version 2");
    }

    [Fact]
    public void UnknownMagicIsCorrupt()
    {
        var batch = RecordBatchTests.Batch(0, 1);
        batch[RecordBatchHeader.MagicOffset] = 3;
        Validate(batch).Error.Should().Be(ErrorCode.CorruptMessage);
    }

    [Fact]
    public void BadCrcIsCorruptMessage()
    {
        var batch = RecordBatchTests.Batch(0, 3);
        batch[^1] ^= 0x40;
        Validate(batch).Error.Should().Be(ErrorCode.CorruptMessage);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(61)]
    [InlineData(-1)]
    public void TruncatedBatchesAreCorrupt(int keep)
    {
        var batch = RecordBatchTests.Batch(0, 3);
        var cut = batch.AsSpan(0, keep < 0 ? batch.Length - 1 : keep).ToArray();
        Validate(cut).Error.Should().Be(ErrorCode.CorruptMessage);
    }

    [Fact]
    public void BatchLengthBelowTheHeaderIsCorrupt()
    {
        var batch = RecordBatchTests.Batch(0, 1);
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(RecordBatchHeader.BatchLengthOffset), 20);
        Validate(batch).Error.Should().Be(ErrorCode.CorruptMessage);
    }

    [Fact]
    public void TwoBatchesInOnePartitionAreInvalid()
    {
        var one = RecordBatchTests.Batch(0, 1);
        Validate(one.Concat(one).ToArray()).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void OversizedBatchesAreTooLarge()
    {
        var batch = RecordBatchTests.Batch(0, 50);
        Validate(batch, new RecordValidationOptions { MaxBatchBytes = batch.Length - 1 }).Error.Should().Be(ErrorCode.MessageTooLarge);
        Validate(batch, new RecordValidationOptions { MaxBatchBytes = batch.Length }).Error.Should().Be(ErrorCode.None);
    }

    [Fact]
    public void NonZeroBaseOffsetIsInvalid()
    {
        Validate(RecordBatchTests.Batch(5, 1)).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void RecordCountThatDisagreesWithTheRecordsIsInvalid()
    {
        var batch = RecordBatchTests.Batch(0, 3);
        Patch(batch, RecordBatchHeader.RecordCountOffset, 4);
        Patch(batch, RecordBatchHeader.LastOffsetDeltaOffset, 3);
        var result = Validate(batch);
        result.Error.Should().Be(ErrorCode.InvalidRecord);
        result.Message.Should().Contain("declares 4 records");
    }

    [Fact]
    public void RecordCountThatDisagreesWithTheOffsetRangeIsInvalid()
    {
        var batch = RecordBatchTests.Batch(0, 3);
        Patch(batch, RecordBatchHeader.LastOffsetDeltaOffset, 5);
        Validate(batch).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void ZeroRecordsAreInvalid()
    {
        var batch = RecordBatchTests.Batch(0, 1);
        Patch(batch, RecordBatchHeader.RecordCountOffset, 0);
        Patch(batch, RecordBatchHeader.LastOffsetDeltaOffset, -1);
        Validate(batch).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void GapsInOffsetDeltasAreInvalid()
    {
        using var builder = new RecordBatchBuilder();
        builder.AppendWithOffset(0, 1, new byte[] { 1 }, new byte[] { 1 });
        builder.AppendWithOffset(2, 1, new byte[] { 2 }, new byte[] { 2 });
        var batch = builder.Build();
        Patch(batch, RecordBatchHeader.LastOffsetDeltaOffset, 1);
        var result = Validate(batch);
        result.Error.Should().Be(ErrorCode.InvalidRecord);
        result.RecordIndex.Should().Be(1);
    }

    [Fact]
    public void RecordLengthThatDisagreesWithItsFieldsIsInvalid()
    {
        var batch = RecordBatchTests.Batch(0, 2);
        batch[RecordBatchHeader.Size] += 2; // first record's length varint, zig-zag: one byte more
        RecordBatchHeader.UpdateCrc(batch);
        Validate(batch).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void TrailingBytesAfterTheRecordsAreInvalid()
    {
        var batch = RecordBatchTests.Batch(0, 2).Append((byte)0).ToArray();
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(RecordBatchHeader.BatchLengthOffset), batch.Length - RecordBatchHeader.LogOverhead);
        RecordBatchHeader.UpdateCrc(batch);
        Validate(batch).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void ControlBatchesFromClientsAreInvalid()
    {
        using var builder = new RecordBatchBuilder { IsControl = true, IsTransactional = true, ProducerId = 1, ProducerEpoch = 0, BaseSequence = 0 };
        builder.Append(1, new byte[] { 0, 0, 0, 0 }, new byte[] { 0, 0, 0, 0, 0, 0 });
        Validate(builder.Build(), new RecordValidationOptions { AllowTransactional = true }).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void TransactionalBatchesAreRefusedUnlessAllowed()
    {
        using var builder = new RecordBatchBuilder { IsTransactional = true, ProducerId = 1, ProducerEpoch = 0, BaseSequence = 0 };
        builder.Append(1, new byte[] { 1 }, new byte[] { 1 });
        var batch = builder.Build();
        Validate(batch).Error.Should().Be(ErrorCode.InvalidTxnState);
        Validate(batch, new RecordValidationOptions { AllowTransactional = true }).Error.Should().Be(ErrorCode.None);
    }

    [Fact]
    public void ProducerIdWithoutSequenceIsInvalid()
    {
        using var builder = new RecordBatchBuilder { ProducerId = 1, ProducerEpoch = 0, BaseSequence = -1 };
        builder.Append(1, new byte[] { 1 }, new byte[] { 1 });
        Validate(builder.Build()).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void ZstdIsRefusedBeforeProduceV7AndUnknownCodecsAlways()
    {
        var zstd = RecordBatchTests.Batch(0, 2, CompressionType.Zstd);
        Validate(zstd, new RecordValidationOptions { AllowZstd = false }).Error.Should().Be(ErrorCode.UnsupportedCompressionType);

        var unknown = RecordBatchTests.Batch(0, 2);
        var attributes = BinaryPrimitives.ReadInt16BigEndian(unknown.AsSpan(RecordBatchHeader.AttributesOffset));
        BinaryPrimitives.WriteInt16BigEndian(unknown.AsSpan(RecordBatchHeader.AttributesOffset), (short)(attributes | 6));
        RecordBatchHeader.UpdateCrc(unknown);
        Validate(unknown).Error.Should().Be(ErrorCode.UnsupportedCompressionType);
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void CompressionBombsAreBounded(CompressionType compression)
    {
        using var builder = new RecordBatchBuilder(compression);
        builder.Append(1, null, new byte[2 * 1024 * 1024]);
        var batch = builder.Build();
        batch.Length.Should().BeLessThan(200 * 1024);
        Validate(batch, new RecordValidationOptions { MaxDecompressedBytes = 1024 * 1024 }).Error.Should().Be(ErrorCode.MessageTooLarge);
        Validate(batch, new RecordValidationOptions { MaxDecompressedBytes = 4 * 1024 * 1024 }).Error.Should().Be(ErrorCode.None);
    }

    [Theory]
    [InlineData(CompressionType.Gzip)]
    [InlineData(CompressionType.Snappy)]
    [InlineData(CompressionType.Lz4)]
    [InlineData(CompressionType.Zstd)]
    public void CorruptCompressedDataWithAValidCrcIsCorrupt(CompressionType compression)
    {
        var batch = RecordBatchTests.Batch(0, 20, compression);
        for (var i = RecordBatchHeader.Size + 4; i < batch.Length; i += 3)
        {
            batch[i] ^= 0x5a;
        }

        RecordBatchHeader.UpdateCrc(batch);
        Validate(batch).Error.Should().BeOneOf(ErrorCode.CorruptMessage, ErrorCode.InvalidRecord, ErrorCode.MessageTooLarge);
    }

    [Fact]
    public void CompactedTopicsNeedKeys()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(1, new byte[] { 1 }, new byte[] { 1 });
        builder.Append(1, (byte[]?)null, new byte[] { 2 });
        var result = Validate(builder.Build(), new RecordValidationOptions { RequireKeys = true });
        result.Error.Should().Be(ErrorCode.InvalidRecord);
        result.RecordIndex.Should().Be(1);
    }

    [Fact]
    public void TimestampsOutsideTheTopicsWindowAreInvalid()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(10_000, new byte[] { 1 }, new byte[] { 1 });
        builder.Append(50_000, new byte[] { 2 }, new byte[] { 2 });
        var batch = builder.Build();
        var options = new RecordValidationOptions { NowMs = 10_000, TimestampBeforeMaxMs = 1_000, TimestampAfterMaxMs = 1_000 };
        var result = Validate(batch, options);
        result.Error.Should().Be(ErrorCode.InvalidTimestamp);
        result.RecordIndex.Should().Be(1);
        Validate(batch, new RecordValidationOptions { NowMs = 10_000 }).Error.Should().Be(ErrorCode.None);
    }

    [Fact]
    public void HeadersAreWalkedAndChecked()
    {
        using var builder = new RecordBatchBuilder();
        builder.Append(1, Encoding.UTF8.GetBytes("k"), Encoding.UTF8.GetBytes("v"), [new RecordHeader("h", [1]), new RecordHeader("n", null)]);
        var batch = builder.Build();
        Validate(batch).Error.Should().Be(ErrorCode.None);

        // Header count, the last varint before the headers: make it claim one header more.
        var recordStart = RecordBatchHeader.Size + 1;
        var headerCountAt = Array.IndexOf(batch, (byte)4, recordStart + 7);
        headerCountAt.Should().BeGreaterThan(0);
        batch[headerCountAt] = 6;
        RecordBatchHeader.UpdateCrc(batch);
        Validate(batch).Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void UncompressedBatchesAreValidatedWithoutAllocating()
    {
        using var builder = new RecordBatchBuilder();
        for (var i = 0; i < 1_000; i++)
        {
            builder.Append(i, new byte[] { (byte)i }, new byte[100], [new RecordHeader("h", [1])]);
        }

        var batch = builder.Build();
        var options = new RecordValidationOptions { MaxBatchBytes = int.MaxValue };
        RecordBatchValidator.ValidateProduceBatch(batch, options).IsValid.Should().BeTrue();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10; i++)
        {
            RecordBatchValidator.ValidateProduceBatch(batch, options);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    private static RecordValidationResult Validate(byte[] records, RecordValidationOptions? options = null) =>
        RecordBatchValidator.ValidateProduceBatch(records, options);

    private static void Patch(byte[] batch, int offset, int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(batch.AsSpan(offset), value);
        RecordBatchHeader.UpdateCrc(batch);
    }
}
