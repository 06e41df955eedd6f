using System.Text;
using Spool.Protocol.Records;

namespace Spool.Client.Producer;

/// <summary>
/// A record to produce. Null key and value are sent as null (not empty); a null partition lets the
/// partitioner choose; a null timestamp means now (epoch milliseconds).
/// </summary>
public sealed record ProducerRecord(
    string Topic,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<RecordHeader>? Headers = null,
    int? Partition = null,
    long? Timestamp = null)
{
    /// <summary>A record whose key and value are UTF-8 strings.</summary>
    public static ProducerRecord Utf8(string topic, string? key, string? value, int? partition = null) =>
        new(topic, key is null ? null : Encoding.UTF8.GetBytes(key), value is null ? null : Encoding.UTF8.GetBytes(value), null, partition);
}
