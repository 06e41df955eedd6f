using Spool.Protocol;

namespace Spool.Storage.Tests;

public sealed class RollAndIndexTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Segments_roll_by_segment_bytes_with_kafka_file_names()
    {
        var batchSize = TestBatch.Create(1, valueSize: 200).Length;
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", (batchSize * 3).ToString())));
        for (var i = 0; i < 10; i++)
        {
            LogFixture.Append(log, valueSize: 200, seed: i);
        }

        log.SegmentBaseOffsets.Should().Equal(0, 3, 6, 9);
        var files = Directory.GetFiles(log.Directory).Select(Path.GetFileName).ToList();
        files.Should().Contain(["00000000000000000000.log", "00000000000000000003.log", "00000000000000000009.log"]);

        // Rolled segments have their index files; the active one keeps them in memory.
        files.Should().Contain(["00000000000000000000.index", "00000000000000000000.timeindex"]);
        LogFixture.ReadAll(log).Select(h => h.BaseOffset).Should().Equal(Enumerable.Range(0, 10).Select(i => (long)i));
    }

    [Fact]
    public void Segments_roll_by_segment_ms_relative_to_the_first_batch_timestamp()
    {
        var time = new FakeTimeProvider();
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.ms", "60000")), time);
        var t0 = time.NowMs;
        LogFixture.Append(log, timestamp: t0);
        LogFixture.Append(log, timestamp: t0 + 30_000);
        log.SegmentCount.Should().Be(1);
        LogFixture.Append(log, timestamp: t0 + 60_001);
        log.SegmentBaseOffsets.Should().Equal(0, 2);
    }

    [Fact]
    public void Segments_roll_when_the_offset_index_is_full()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.index.bytes", "24"), ("index.interval.bytes", "0")));
        for (var i = 0; i < 12; i++)
        {
            LogFixture.Append(log);
        }

        // Every batch after the first gets an entry; three entries fill a 24-byte index.
        log.SegmentBaseOffsets.Should().Equal(0, 4, 8);
        new FileInfo(Path.Combine(log.Directory, "00000000000000000000.index")).Length.Should().Be(24);
    }

    [Fact]
    public void Sparse_index_lookups_land_on_the_containing_batch_in_any_segment()
    {
        var batchSize = TestBatch.Create(3, valueSize: 100).Length;
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", (batchSize * 20).ToString()), ("index.interval.bytes", (batchSize * 2).ToString())));
        for (var i = 0; i < 100; i++)
        {
            LogFixture.Append(log, count: 3, valueSize: 100, seed: i * 3);
        }

        log.SegmentCount.Should().Be(5);
        for (long offset = 0; offset < 300; offset += 7)
        {
            using var result = log.Read(offset, 1);
            var batch = TestBatch.Split(result.Records.Span).Single();
            batch.Header.BaseOffset.Should().Be(offset / 3 * 3);
            TestBatch.Values(batch.Bytes)[(int)(offset % 3)].Should().Equal(TestBatch.Payload(offset, 100));
        }
    }

    [Fact]
    public void Offset_index_keeps_base_offsets_and_positions()
    {
        var index = new OffsetIndex(100);
        index.Append(100, 0);
        index.Append(110, 4000);
        index.Append(125, 8200);

        index.Lookup(99).Should().Be(new OffsetPosition(100, 0));
        index.Lookup(115).Should().Be(new OffsetPosition(110, 4000));
        index.Lookup(1000).Should().Be(new OffsetPosition(125, 8200));

        var parsed = OffsetIndex.Parse(index.Serialize(), 100, 10_000, 200);
        parsed!.Lookup(124).Should().Be(new OffsetPosition(110, 4000));
        OffsetIndex.Parse(index.Serialize(), 100, 8000, 200).Should().BeNull("a position past the log end fails the sanity check");
        OffsetIndex.Parse(new byte[24], 100, 10_000, 200).Should().BeNull("zeros are not increasing entries");

        index.TruncateTo(110);
        index.LastEntry.Should().Be(new OffsetPosition(100, 0));
    }

    [Fact]
    public void Time_index_appends_only_growing_timestamps()
    {
        var index = new TimeIndex(0);
        index.MaybeAppend(100, 0);
        index.MaybeAppend(90, 5);
        index.MaybeAppend(200, 10);

        index.Count.Should().Be(2);
        index.Lookup(150).Should().Be(new TimestampOffset(100, 0));
        index.Lookup(50).Should().Be(new TimestampOffset(-1, 0));
        TimeIndex.Parse(index.Serialize(), 0, 100)!.LastEntry.Should().Be(new TimestampOffset(200, 10));
    }

    [Fact]
    public void Appends_larger_than_a_segment_are_refused()
    {
        using var log = LogFixture.Open(_dir, LogFixture.Config(("segment.bytes", "200"), ("max.message.bytes", "100000")));
        var result = log.AppendAsLeader(TestBatch.Create(1, valueSize: 300), 0);
        result.Error.Should().Be(ErrorCode.RecordListTooLarge);
    }
}
