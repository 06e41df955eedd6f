using Spool.Protocol;

namespace Spool.Storage.Tests;

/// <summary>Helpers to open logs with small segments and to append and read test batches.</summary>
internal static class LogFixture
{
    public static LogConfig Config(params (string Name, string Value)[] overrides) =>
        LogConfig.Create(overrides.ToDictionary(o => o.Name, o => (string?)o.Value));

    public static PartitionLog Open(TempDir dir, LogConfig? config = null, TimeProvider? time = null, string name = "topic-0", LogOpenOptions? options = null, StorageResources? resources = null) =>
        PartitionLog.Open(dir.Combine(name), config ?? LogConfig.Default, (options ?? new LogOpenOptions()) with
        {
            TimeProvider = time ?? TimeProvider.System,
            Resources = resources ?? options?.Resources,
        });

    /// <summary>Appends a batch of <paramref name="count"/> records and returns the result (asserting success).</summary>
    public static LogAppendResult Append(PartitionLog log, int count = 1, long timestamp = 1_000, int valueSize = 0, int epoch = 0, int seed = 0)
    {
        var result = log.AppendAsLeader(TestBatch.Create(count, timestamp, valueSize, seed: seed), epoch);
        result.Error.Should().Be(ErrorCode.None, result.ErrorMessage);
        return result;
    }

    /// <summary>Reads every batch from <paramref name="from"/> to the log end, following NextOffset.</summary>
    public static List<Protocol.Records.RecordBatchHeader> ReadAll(PartitionLog log, long from = -1, int maxBytes = 1 << 20)
    {
        var offset = from < 0 ? log.LogStartOffset : from;
        var headers = new List<Protocol.Records.RecordBatchHeader>();
        while (offset < log.LogEndOffset)
        {
            using var result = log.Read(offset, maxBytes);
            result.Error.Should().Be(ErrorCode.None);
            result.IsEmpty.Should().BeFalse($"offset {offset} is below the log end {log.LogEndOffset}");
            headers.AddRange(TestBatch.Split(result.Records.Span).Select(b => b.Header));
            offset = result.NextOffset;
        }

        return headers;
    }
}
