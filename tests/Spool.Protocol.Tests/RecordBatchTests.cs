using System.Text;
using Spool.Protocol.Records;

namespace Spool.Protocol.Tests;

/// <summary>Building record batches and reading them back, for every codec.</summary>
public sealed class RecordBatchTests
{
    public static TheoryData<CompressionType> Codecs() =>
        [CompressionType.None, CompressionType.Gzip, CompressionType.Snappy, CompressionType.Lz4, CompressionType.Zstd];

    [Theory]
    [MemberData(nameof(Codecs))]
    public void BuiltBatchReadsBackRecordForRecord(CompressionType compression)
    {
        var headers = new[] { new RecordHeader("trace-ü", [1, 2]), new RecordHeader("empty", []), new RecordHeader("none", null) };
        byte[] batch;
        using (var builder = new RecordBatchBuilder(compression) { BaseOffset = 100, ProducerId = 7, ProducerEpoch = 2, BaseSequence = 40 })
        {
            builder.Append(1_000, Encoding.UTF8.GetBytes("k0"), Encoding.UTF8.GetBytes("v0"), headers);
            builder.Append(999, (byte[]?)null, Encoding.UTF8.GetBytes("no key"));
            builder.Append(1_005, [], null);
            for (var i = 3; i < 50; i++)
            {
                builder.Append(1_000 + i, Encoding.UTF8.GetBytes($"k{i}"), Encoding.UTF8.GetBytes(new string('x', i * 10)));
            }

            builder.Count.Should().Be(50);
            batch = builder.Build();
        }

        var batches = new List<RecordBatch>();
        foreach (var b in RecordBatchReader.ReadBatches(batch))
        {
            batches.Add(b);
        }

        batches.Should().HaveCount(1);
        var header = batches[0].Header;
        batches[0].IsCrcValid.Should().BeTrue();
        header.Magic.Should().Be(2);
        header.Compression.Should().Be(compression);
        header.BaseOffset.Should().Be(100);
        header.LastOffsetDelta.Should().Be(49);
        header.RecordCount.Should().Be(50);
        header.ProducerId.Should().Be(7);
        header.ProducerEpoch.Should().Be(2);
        header.BaseSequence.Should().Be(40);
        header.BaseTimestamp.Should().Be(1_000);
        header.MaxTimestamp.Should().Be(1_049);
        header.PartitionLeaderEpoch.Should().Be(-1);
        header.TotalSize.Should().Be(batch.Length);

        var records = RecordBatchReader.ReadAllRecords(batch);
        records.Should().HaveCount(50);
        records[0].Offset.Should().Be(100);
        records[0].Timestamp.Should().Be(1_000);
        records[0].Key!.Value.ToArray().Should().Equal(Encoding.UTF8.GetBytes("k0"));
        records[0].Headers.Should().Equal(headers);
        records[1].Key.Should().BeNull();
        records[1].Timestamp.Should().Be(999);
        records[2].Key!.Value.Length.Should().Be(0);
        records[2].Value.Should().BeNull();
        records[49].Offset.Should().Be(149);
        records[49].Value!.Value.Length.Should().Be(490);

        RecordBatchValidator.ValidateProduceBatch(WithBaseOffsetZero(batch)).Error.Should().Be(ErrorCode.None);
    }

    [Fact]
    public void ConcatenatedBatchesAndAPartialTailAreReadAsFetchResponsesNeedThem()
    {
        var first = Batch(0, 3);
        var second = Batch(3, 2);
        var buffer = first.Concat(second).Concat(second.AsSpan(0, 30).ToArray()).ToArray();
        var enumerator = RecordBatchReader.ReadBatches(buffer);
        var offsets = new List<long>();
        while (enumerator.MoveNext())
        {
            offsets.Add(enumerator.Current.Header.BaseOffset);
        }

        offsets.Should().Equal(0, 3);
        enumerator.Position.Should().Be(first.Length + second.Length);
        RecordBatchReader.ReadAllRecords(buffer).Select(r => r.Offset).Should().Equal(0, 1, 2, 3, 4);
    }

    [Fact]
    public void ExplicitOffsetsSurviveAsCompactionNeedsThem()
    {
        using var builder = new RecordBatchBuilder(CompressionType.None) { BaseOffset = 10 };
        builder.AppendWithOffset(10, 5, new byte[] { 1 }, new byte[] { 1 });
        builder.AppendWithOffset(13, 6, new byte[] { 2 }, null);
        var act = () => builder.AppendWithOffset(13, 7, null, null);
        act.Should().Throw<ArgumentOutOfRangeException>();
        var batch = builder.Build();
        RecordBatchHeader.TryRead(batch, out var header).Should().BeTrue();
        header.LastOffsetDelta.Should().Be(3);
        header.RecordCount.Should().Be(2);
        RecordBatchReader.ReadAllRecords(batch).Select(r => r.Offset).Should().Equal(10, 13);
    }

    [Fact]
    public void LogAppendTimeGivesEveryRecordTheBatchTimestamp()
    {
        var batch = Batch(0, 3);
        RecordBatchHeader.SetLogAppendTime(batch, 777);
        RecordBatchReader.ReadAllRecords(batch).Select(r => r.Timestamp).Should().AllBeEquivalentTo(777L);
        RecordBatchReader.ReadBatches(batch).GetEnumerator().MoveNext().Should().BeTrue();
    }

    [Fact]
    public void PatchingTheMaxTimestampKeepsTheCrcValid()
    {
        var batch = Batch(0, 2);
        RecordBatchHeader.SetMaxTimestamp(batch, 5_000);
        RecordBatchHeader.TryRead(batch, out var header);
        header.MaxTimestamp.Should().Be(5_000);
        RecordBatchHeader.ComputeCrc(batch).Should().Be(header.Crc);
    }

    [Fact]
    public void FlagsAreWrittenToTheAttributes()
    {
        using var builder = new RecordBatchBuilder(CompressionType.Lz4, TimestampType.LogAppendTime) { IsTransactional = true, IsControl = true, ProducerId = 1, ProducerEpoch = 0, BaseSequence = 0 };
        builder.Append(1, new byte[] { 0, 0, 0, 1 }, new byte[] { 0, 0, 0, 0, 0, 0 });
        RecordBatchHeader.TryRead(builder.Build(), out var header);
        header.IsTransactional.Should().BeTrue();
        header.IsControl.Should().BeTrue();
        header.TimestampType.Should().Be(TimestampType.LogAppendTime);
        header.Compression.Should().Be(CompressionType.Lz4);
    }

    [Fact]
    public void LegacyMagicIsRefusedByTheReader()
    {
        var batch = Batch(0, 1);
        batch[RecordBatchHeader.MagicOffset] = 1;
        var act = () => RecordBatchReader.ReadAllRecords(batch);
        act.Should().Throw<RecordFormatException>().Which.Error.Should().Be(ErrorCode.UnsupportedForMessageFormat);
    }

    [Fact]
    public void MalformedRecordsThrowRecordFormatException()
    {
        var batch = Batch(0, 2);
        batch[RecordBatchHeader.Size] = 0x7f; // first record's length varint: far beyond the batch
        var act = () => RecordBatchReader.ReadAllRecords(batch);
        act.Should().Throw<RecordFormatException>().Which.Error.Should().Be(ErrorCode.InvalidRecord);
    }

    [Fact]
    public void AnEmptyBuilderCannotBuild()
    {
        using var builder = new RecordBatchBuilder();
        var act = () => builder.Build();
        act.Should().Throw<InvalidOperationException>();
    }

    internal static byte[] Batch(long baseOffset, int count, CompressionType compression = CompressionType.None, long producerId = -1)
    {
        using var builder = new RecordBatchBuilder(compression) { BaseOffset = baseOffset, ProducerId = producerId, BaseSequence = producerId >= 0 ? 0 : -1 };
        for (var i = 0; i < count; i++)
        {
            builder.Append(1_000 + i, Encoding.UTF8.GetBytes($"key-{i}"), Encoding.UTF8.GetBytes($"value-{i}"));
        }

        return builder.Build();
    }

    private static byte[] WithBaseOffsetZero(byte[] batch)
    {
        var copy = batch.ToArray();
        RecordBatchHeader.SetBaseOffset(copy, 0);
        return copy;
    }
}
