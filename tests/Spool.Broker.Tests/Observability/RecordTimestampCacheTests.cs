using Spool.Broker.Observability;
using Spool.Protocol.Records;
using Spool.Storage;
using Spool.Testing;

namespace Spool.Broker.Tests.Observability;

public sealed class RecordTimestampCacheTests : IDisposable
{
    private readonly TempDirectory _dir = new("spool-timestamps");
    private readonly PartitionLog _log;

    public RecordTimestampCacheTests()
    {
        _log = PartitionLog.Open(Path.Combine(_dir.Path, "orders-0"), LogConfig.Default);
        Append(CompressionType.None, 1_000, 1_010, 1_020);
        Append(CompressionType.Gzip, 2_000, 2_010, 2_020, 2_030);
        _log.UpdateHighWatermark(_log.LogEndOffset);
    }

    [Theory]
    [InlineData(0L, 1_000L)]
    [InlineData(1L, 1_010L)]
    [InlineData(2L, 1_020L)]
    [InlineData(3L, 2_000L)]
    [InlineData(5L, 2_020L)]
    [InlineData(6L, 2_030L)]
    public void Finds_the_timestamp_of_the_record_at_an_offset_inside_plain_and_compressed_batches(long offset, long timestamp)
    {
        var cache = new RecordTimestampCache();
        cache.BeginPass();

        cache.TimestampAt(_log, offset, _log.HighWatermark).Should().Be(timestamp);
    }

    [Fact]
    public void Nothing_is_found_at_or_above_the_high_watermark()
    {
        var cache = new RecordTimestampCache();
        cache.BeginPass();

        cache.TimestampAt(_log, 7, _log.HighWatermark).Should().BeNull();
        cache.TimestampAt(_log, 3, highWatermark: 3).Should().BeNull();
        cache.Count.Should().Be(0);
    }

    [Fact]
    public void Timestamps_are_kept_while_a_pass_uses_them_and_dropped_after_a_pass_that_does_not()
    {
        var cache = new RecordTimestampCache();
        cache.BeginPass();
        cache.TimestampAt(_log, 1, _log.HighWatermark);
        cache.TimestampAt(_log, 4, _log.HighWatermark);
        cache.EndPass();
        cache.Count.Should().Be(2);

        cache.BeginPass();
        cache.TimestampAt(_log, 4, _log.HighWatermark).Should().Be(2_010);
        cache.EndPass();
        cache.Count.Should().Be(1);

        cache.BeginPass();
        cache.EndPass();
        cache.Count.Should().Be(0);
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    private void Append(CompressionType compression, params long[] timestamps)
    {
        using var builder = new RecordBatchBuilder(compression);
        foreach (var timestamp in timestamps)
        {
            builder.Append(timestamp, (byte[]?)null, "value"u8.ToArray());
        }

        var result = _log.AppendAsLeader(builder.Build(), 0);
        result.IsSuccess.Should().BeTrue(result.ErrorMessage);
    }
}
