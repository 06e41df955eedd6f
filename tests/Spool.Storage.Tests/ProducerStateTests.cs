using Spool.Protocol;
using Spool.Protocol.Records;

namespace Spool.Storage.Tests;

/// <summary>The idempotent-producer rules of the leader's append (Kafka's ProducerStateManager).</summary>
public sealed class ProducerStateTests : IDisposable
{
    private const long Producer = 1000;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_retry_of_any_of_the_last_five_batches_appends_nothing_and_answers_with_its_original_offsets()
    {
        using var log = LogFixture.Open(_dir);
        LogFixture.Append(log, count: 3); // offsets 0-2 from a plain producer
        var originals = new List<LogAppendResult>();
        for (var i = 0; i < 6; i++)
        {
            originals.Add(Append(log, Producer, 0, i * 2, count: 2));
        }

        var end = log.LogEndOffset;
        for (var i = 1; i < 6; i++)
        {
            var retry = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, i * 2, count: 2), 0);
            retry.Error.Should().Be(ErrorCode.None);
            retry.IsDuplicate.Should().BeTrue();
            retry.FirstOffset.Should().Be(originals[i].FirstOffset);
            retry.LastOffset.Should().Be(originals[i].LastOffset);
        }

        log.LogEndOffset.Should().Be(end, "duplicates append nothing");

        // The sixth batch back is forgotten: its retry is out of order, as in Kafka.
        var tooOld = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 0, count: 2), 0);
        tooOld.Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber);
        log.LogEndOffset.Should().Be(end);
    }

    [Fact]
    public void A_gap_in_the_sequence_is_out_of_order_and_appends_nothing()
    {
        using var log = LogFixture.Open(_dir);
        Append(log, Producer, 0, 0, count: 2);
        var gap = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 3), 0);
        gap.Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber);
        gap.ErrorMessage.Should().Contain("3 (incoming seq. number), 1 (current end sequence number)");
        log.LogEndOffset.Should().Be(2);

        var overlap = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 1, count: 2), 0);
        overlap.Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber, "a batch overlapping a remembered one is not a retry of it");

        Append(log, Producer, 0, 2).FirstOffset.Should().Be(2);
    }

    [Fact]
    public void An_older_epoch_is_fenced()
    {
        using var log = LogFixture.Open(_dir);
        Append(log, Producer, 1, 0);
        var stale = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 1), 0);
        stale.Error.Should().Be(ErrorCode.InvalidProducerEpoch);
        stale.ErrorMessage.Should().Contain("smaller than the last seen epoch 1");

        // Even a retry of a batch the old epoch wrote is fenced once a newer epoch exists.
        Append(log, Producer, 2, 0);
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 1, 0), 0).Error.Should().Be(ErrorCode.InvalidProducerEpoch);
        log.LogEndOffset.Should().Be(2);
    }

    [Fact]
    public void A_newer_epoch_must_start_at_sequence_zero()
    {
        using var log = LogFixture.Open(_dir);
        Append(log, Producer, 0, 0, count: 5);
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 1, 5), 0).Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber);
        Append(log, Producer, 1, 0).FirstOffset.Should().Be(5);
        Append(log, Producer, 1, 1).FirstOffset.Should().Be(6);
        log.ActiveProducers.Should().ContainSingle().Which.Should().BeEquivalentTo(new { ProducerId = Producer, ProducerEpoch = (short)1, LastSequence = 1, LastOffset = 6L });
    }

    [Fact]
    public void Sequences_wrap_from_int_max_to_zero()
    {
        using var log = LogFixture.Open(_dir);
        Append(log, Producer, 0, int.MaxValue - 1, count: 4); // int.MaxValue - 1, int.MaxValue, 0, 1
        log.ActiveProducers.Single().LastSequence.Should().Be(1);
        Append(log, Producer, 0, 2);
        Append(log, Producer, 0, 3, count: 2);

        var retry = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, int.MaxValue - 1, count: 4), 0);
        retry.IsDuplicate.Should().BeTrue("the wrapped batch is remembered by its wrapped sequence range");
        retry.FirstOffset.Should().Be(0);
        retry.LastOffset.Should().Be(3);

        using var other = LogFixture.Open(_dir, name: "other-0");
        Append(other, Producer, 0, int.MaxValue);
        Append(other, Producer, 0, 0).FirstOffset.Should().Be(1, "0 follows int.MaxValue");
    }

    [Fact]
    public void A_producer_without_state_may_start_at_any_sequence()
    {
        // KIP-360: after retention removed a producer's batches the broker accepts it again rather than answering
        // UNKNOWN_PRODUCER_ID; a new producer is no different.
        using var log = LogFixture.Open(_dir);
        Append(log, Producer, 3, 42).FirstOffset.Should().Be(0);
        Append(log, Producer, 3, 43).FirstOffset.Should().Be(1);
    }

    [Fact]
    public void Producers_are_independent_and_plain_batches_are_not_checked()
    {
        using var log = LogFixture.Open(_dir);
        Append(log, Producer, 0, 0);
        Append(log, Producer + 1, 0, 0);
        LogFixture.Append(log, count: 2);
        Append(log, Producer, 0, 1);
        log.AppendAsLeader(IdempotentBatch.Create(Producer + 1, 0, 2), 0).Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber);
        log.ActiveProducers.Select(p => (p.ProducerId, p.LastSequence)).Should().Equal((Producer, 1), (Producer + 1, 0));
    }

    [Fact]
    public void Several_batches_of_one_producer_in_one_append_are_checked_in_order()
    {
        using var log = LogFixture.Open(_dir);
        byte[] two = [.. IdempotentBatch.Create(Producer, 0, 0, count: 2), .. IdempotentBatch.Create(Producer, 0, 2, count: 3)];
        var result = log.AppendAsLeader(two, 0);
        result.Error.Should().Be(ErrorCode.None);
        result.LastOffset.Should().Be(4);

        byte[] broken = [.. IdempotentBatch.Create(Producer, 0, 5), .. IdempotentBatch.Create(Producer, 0, 7)];
        log.AppendAsLeader(broken, 0).Error.Should().Be(ErrorCode.OutOfOrderSequenceNumber);
        log.LogEndOffset.Should().Be(5, "nothing of a failed append is written");
        log.ActiveProducers.Single().LastSequence.Should().Be(4);
    }

    [Fact]
    public void A_duplicate_on_a_log_append_time_topic_reports_the_original_append_time()
    {
        var time = new FakeTimeProvider();
        using var log = LogFixture.Open(_dir, LogFixture.Config(("message.timestamp.type", "LogAppendTime")), time);
        var first = Append(log, Producer, 0, 0);
        first.LogAppendTime.Should().Be(time.NowMs);
        var stamped = time.NowMs;
        time.Advance(TimeSpan.FromSeconds(5));
        var retry = log.AppendAsLeader(IdempotentBatch.Create(Producer, 0, 0), 0);
        retry.IsDuplicate.Should().BeTrue();
        retry.LogAppendTime.Should().Be(stamped);
    }

    [Fact]
    public void Follower_appends_feed_the_producer_state_without_checks()
    {
        using var log = LogFixture.Open(_dir);
        var batch = IdempotentBatch.Create(Producer, 4, 10, count: 2);
        RecordBatchHeader.SetBaseOffset(batch, 0);
        log.AppendAsFollower(batch).Error.Should().Be(ErrorCode.None);
        log.ActiveProducers.Single().Should().BeEquivalentTo(new { ProducerEpoch = (short)4, LastSequence = 11 });
        log.AppendAsLeader(IdempotentBatch.Create(Producer, 4, 10, count: 2), 0).IsDuplicate.Should().BeTrue();
        Append(log, Producer, 4, 12).FirstOffset.Should().Be(2);
    }

    [Fact]
    public void The_leader_skips_only_the_crc_check_when_the_caller_verified_it()
    {
        using var log = LogFixture.Open(_dir);
        var batch = TestBatch.Create(1);
        batch[^1] ^= 0xFF; // the CRC no longer matches
        log.AppendAsLeader(batch.ToArray(), 0).Error.Should().Be(ErrorCode.CorruptMessage);
        log.AppendAsFollower(batch).Error.Should().Be(ErrorCode.CorruptMessage);

        // With crcVerified the caller vouches for the bytes: structure is still checked, the CRC is not computed again.
        log.AppendAsLeader(batch.ToArray(), 0, crcVerified: true).Error.Should().Be(ErrorCode.None);
        var truncated = TestBatch.Create(1)[..40];
        log.AppendAsLeader(truncated, 0, crcVerified: true).Error.Should().Be(ErrorCode.CorruptMessage);
    }

    private static LogAppendResult Append(PartitionLog log, long producerId, short epoch, int sequence, int count = 1)
    {
        var result = log.AppendAsLeader(IdempotentBatch.Create(producerId, epoch, sequence, count), 0);
        result.Error.Should().Be(ErrorCode.None, result.ErrorMessage);
        result.IsDuplicate.Should().BeFalse();
        return result;
    }
}
