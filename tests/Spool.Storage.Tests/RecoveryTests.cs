using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

public sealed class RecoveryTests : IDisposable
{
    private readonly TempDir _dir = new();
    private readonly LogConfig _config = LogFixture.Config(("segment.bytes", "2000"), ("index.interval.bytes", "100"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_clean_reopen_keeps_offsets_indexes_and_epochs()
    {
        using (var log = Fill(30))
        {
            log.UpdateHighWatermark(log.LogEndOffset);
            log.Close();
        }

        using var reopened = Reopen(clean: true, highWatermark: 60);
        reopened.LogEndOffset.Should().Be(60);
        reopened.HighWatermark.Should().Be(60);
        reopened.RecoveryPoint.Should().Be(60);
        reopened.EpochEntries.Should().Equal(new EpochEntry(0, 0), new EpochEntry(1, 30));
        LogFixture.ReadAll(reopened).Should().HaveCount(30);
        LogFixture.Append(reopened, count: 2, epoch: 1).FirstOffset.Should().Be(60);
    }

    [Fact]
    public void A_torn_write_at_the_tail_is_truncated()
    {
        string active;
        using (var log = Fill(10))
        {
            active = ActiveSegmentFile(log);
        }

        // Half of a batch written when the process died.
        var partial = TestBatch.Create(4, valueSize: 30);
        using (var file = new FileStream(active, FileMode.Append))
        {
            file.Write(partial, 0, partial.Length / 2);
        }

        using var reopened = Reopen(clean: false);
        reopened.LogEndOffset.Should().Be(20);
        LogFixture.ReadAll(reopened).Should().HaveCount(10);
        LogFixture.Append(reopened).FirstOffset.Should().Be(20);
        LogFixture.ReadAll(reopened).Should().HaveCount(11);
    }

    [Fact]
    public void A_flipped_byte_in_the_crc_covered_area_truncates_from_that_batch()
    {
        string active;
        long lastBatchPosition;
        using (var log = Fill(10))
        {
            active = ActiveSegmentFile(log);
            lastBatchPosition = new FileInfo(active).Length - TestBatch.Create(2, valueSize: 30).Length;
        }

        var bytes = File.ReadAllBytes(active);
        bytes[lastBatchPosition + RecordBatchHeader.Size + 5] ^= 0x01;
        File.WriteAllBytes(active, bytes);

        using var reopened = Reopen(clean: false);
        reopened.LogEndOffset.Should().Be(18);
        new FileInfo(active).Length.Should().Be(lastBatchPosition);
        var headers = LogFixture.ReadAll(reopened);
        headers.Should().HaveCount(9);
        headers[^1].LastOffset.Should().Be(17);
    }

    [Fact]
    public void Corruption_in_an_older_segment_drops_the_segments_after_it()
    {
        using (var log = Fill(40))
        {
            log.SegmentCount.Should().BeGreaterThan(2);
        }

        var first = Path.Combine(_dir.Combine("topic-0"), "00000000000000000000.log");
        var bytes = File.ReadAllBytes(first);
        bytes[200] ^= 0xFF;
        File.WriteAllBytes(first, bytes);

        using var reopened = Reopen(clean: false, recoveryPoint: 0);
        reopened.SegmentCount.Should().Be(1);
        reopened.LogEndOffset.Should().BeLessThan(20);
        LogFixture.ReadAll(reopened).Should().OnlyContain(h => h.LastOffset < reopened.LogEndOffset);
        Directory.GetFiles(reopened.Directory, "*.log").Should().ContainSingle();
    }

    [Fact]
    public void Only_segments_from_the_recovery_point_on_are_scanned()
    {
        IReadOnlyList<long> bases;
        using (var log = Fill(40))
        {
            bases = log.SegmentBaseOffsets;
        }

        bases.Count.Should().BeGreaterThan(2);
        var messages = new List<string>();
        using var reopened = LogFixture.Open(_dir, _config, options: new LogOpenOptions { RecoveryPoint = bases[1] + 1, Log = messages.Add });
        reopened.LogEndOffset.Should().Be(80);
        reopened.RecoveryPoint.Should().Be(80, "recovered segments are flushed");
        messages.Should().ContainSingle(m => m.Contains($"Recovered {bases.Count - 1} segment(s)", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_or_corrupt_index_files_are_rebuilt()
    {
        using (var log = Fill(40))
        {
            log.Close();
        }

        var dir = _dir.Combine("topic-0");
        var indexes = Directory.GetFiles(dir, "*.index").Order().ToArray();
        indexes.Length.Should().BeGreaterThan(2);
        File.Delete(indexes[0]);
        File.WriteAllBytes(indexes[1], new byte[16]);
        File.Delete(Path.ChangeExtension(indexes[1], ".timeindex"));
        File.WriteAllBytes(indexes[^1], [1, 2, 3]);

        using var reopened = Reopen(clean: true);
        reopened.LogEndOffset.Should().Be(80);
        for (long offset = 0; offset < 80; offset += 3)
        {
            using var result = reopened.Read(offset, 1);
            TestBatch.Split(result.Records.Span).Single().Header.BaseOffset.Should().Be(offset / 2 * 2);
        }

        File.Exists(indexes[0]).Should().BeTrue();
        new FileInfo(indexes[1]).Length.Should().NotBe(16);
        reopened.FetchOffsetByTimestamp(1000).Should().NotBeNull();
    }

    [Fact]
    public void An_unclean_shutdown_rebuilds_the_active_index_and_epochs()
    {
        using (var log = Fill(30))
        {
            // Not closed: the active segment's index exists only in memory.
            File.Exists(Path.ChangeExtension(ActiveSegmentFile(log), ".index")).Should().BeFalse();
        }

        File.Delete(Path.Combine(_dir.Combine("topic-0"), "leader-epoch-checkpoint"));
        using var reopened = Reopen(clean: false);
        reopened.LogEndOffset.Should().Be(60);
        reopened.EpochEntries.Should().Equal(new EpochEntry(0, 0), new EpochEntry(1, 30));
        LogFixture.ReadAll(reopened).Should().HaveCount(30);
    }

    [Fact]
    public void A_checkpointed_log_start_offset_is_restored()
    {
        using (var log = Fill(10))
        {
            log.UpdateHighWatermark(20);
            log.DeleteRecordsBefore(7);
            log.Close();
        }

        using var reopened = Reopen(clean: true, logStartOffset: 7);
        reopened.LogStartOffset.Should().Be(7);
        using var read = reopened.Read(6, 100);
        read.Error.Should().Be(ErrorCode.OffsetOutOfRange);
    }

    [Fact]
    public void A_missing_partition_metadata_is_written_and_a_different_topic_id_is_refused()
    {
        var id = Uuid.NewRandom();
        using (var log = LogFixture.Open(_dir, options: new LogOpenOptions { TopicId = id }))
        {
            log.TopicId.Should().Be(id);
        }

        File.ReadAllText(_dir.Combine("topic-0", "partition.metadata")).Should().Be($"version: 0\ntopic_id: {id}\n");
        var act = () => LogFixture.Open(_dir, options: new LogOpenOptions { TopicId = Uuid.NewRandom() });
        act.Should().Throw<InvalidDataException>();
    }

    /// <summary>Batches of two records; from batch 15 on (offset 30) they are written in leader epoch 1.</summary>
    private PartitionLog Fill(int batches)
    {
        var log = LogFixture.Open(_dir, _config);
        for (var i = 0; i < batches; i++)
        {
            var epoch = i < 15 ? 0 : 1;
            log.AppendAsLeader(TestBatch.Create(2, valueSize: 30, firstTimestamp: 1000 + i, seed: i * 2), epoch).IsSuccess.Should().BeTrue();
        }

        return log;
    }

    private PartitionLog Reopen(bool clean, long? recoveryPoint = null, long? highWatermark = null, long? logStartOffset = null) =>
        LogFixture.Open(_dir, _config, options: new LogOpenOptions
        {
            HadCleanShutdown = clean,
            RecoveryPoint = recoveryPoint,
            HighWatermark = highWatermark,
            LogStartOffset = logStartOffset,
        });

    private static string ActiveSegmentFile(PartitionLog log) =>
        Path.Combine(log.Directory, log.SegmentBaseOffsets[^1].ToString("D20") + ".log");
}
