using System.Globalization;
using Spool.Client;
using Spool.Client.Consumer;
using Spool.Client.Consumer.Groups;
using Spool.Client.Producer;
using Spool.Protocol.Records;

namespace Spool.Cli.Infrastructure;

/// <summary>Parses client property values as the Java client spells them; a bad value is a usage error naming the key.</summary>
internal static class PropertyValues
{
    public static int Int(string key, string value) =>
        int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw Invalid(key, value, "an integer");

    public static long Long(string key, string value) =>
        long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : throw Invalid(key, value, "an integer");

    public static TimeSpan Milliseconds(string key, string value) => TimeSpan.FromMilliseconds(Long(key, value));

    public static bool Bool(string key, string value) =>
        bool.TryParse(value, out var b) ? b : throw Invalid(key, value, "true or false");

    public static Acks Acks(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "all" or "-1" => Client.Producer.Acks.All,
        "1" => Client.Producer.Acks.Leader,
        "0" => Client.Producer.Acks.None,
        _ => throw Invalid(key, value, "all, -1, 1 or 0"),
    };

    public static CompressionType Compression(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "none" => CompressionType.None,
        "gzip" => CompressionType.Gzip,
        "snappy" => CompressionType.Snappy,
        "lz4" => CompressionType.Lz4,
        "zstd" => CompressionType.Zstd,
        _ => throw Invalid(key, value, "none, gzip, snappy, lz4 or zstd"),
    };

    public static AutoOffsetReset OffsetReset(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "earliest" => AutoOffsetReset.Earliest,
        "latest" => AutoOffsetReset.Latest,
        "none" => AutoOffsetReset.None,
        _ => throw Invalid(key, value, "earliest, latest or none"),
    };

    public static IsolationLevel Isolation(string key, string value) => value.Trim().ToLowerInvariant() switch
    {
        "read_uncommitted" => IsolationLevel.ReadUncommitted,
        "read_committed" => IsolationLevel.ReadCommitted,
        _ => throw Invalid(key, value, "read_uncommitted or read_committed"),
    };

    /// <summary>Assignor names, or the Java class names kafka tools' config files often carry.</summary>
    public static IReadOnlyList<IPartitionAssignor> Assignors(string key, string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(name => name switch
        {
            "range" or "org.apache.kafka.clients.consumer.RangeAssignor" => (IPartitionAssignor)new RangeAssignor(),
            "roundrobin" or "org.apache.kafka.clients.consumer.RoundRobinAssignor" => new RoundRobinAssignor(),
            "cooperative-sticky" or "org.apache.kafka.clients.consumer.CooperativeStickyAssignor" => new CooperativeStickyAssignor(),
            _ => throw Invalid(key, name, "range, roundrobin or cooperative-sticky"),
        })];

    private static CliException Invalid(string key, string value, string expected) =>
        CliException.Usage($"client property {key}={value}: expected {expected}");
}
