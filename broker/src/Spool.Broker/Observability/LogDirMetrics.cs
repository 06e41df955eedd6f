using System.Diagnostics.Metrics;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Storage;

namespace Spool.Broker.Observability;

/// <summary>Per log dir: bytes of the partitions in it, free and total bytes of its file system, and whether it is usable.</summary>
public sealed class LogDirMetrics : IObservableMetrics
{
    private readonly ReplicaManager _replicas;
    private readonly SnapshotCache<IReadOnlyList<LogDirDescription>> _dirs;

    public LogDirMetrics(BrokerMeter meter, ReplicaManager replicas, TimeProvider time)
    {
        _replicas = replicas;
        _dirs = new SnapshotCache<IReadOnlyList<LogDirDescription>>(() => _replicas.Logs.DescribeLogDirs(), time);

        meter.Meter.CreateObservableGauge(
            "spool_log_dir_size_bytes",
            () => Each(d => d.Size, onlineOnly: false),
            unit: "By",
            description: "Bytes of the partition logs in the log dir.");
        meter.Meter.CreateObservableGauge(
            "spool_log_dir_free_bytes",
            () => Each(d => d.UsableBytes, onlineOnly: true),
            unit: "By",
            description: "Bytes available to the broker on the log dir's file system.");
        meter.Meter.CreateObservableGauge(
            "spool_log_dir_total_bytes",
            () => Each(d => d.TotalBytes, onlineOnly: true),
            unit: "By",
            description: "Size of the log dir's file system.");
        meter.Meter.CreateObservableGauge(
            "spool_log_dir_online",
            () => Each(d => d.Error == ErrorCode.None ? 1 : 0, onlineOnly: false),
            description: "1 when the log dir is usable, 0 when the broker cannot read its file system.");
    }

    private IEnumerable<Measurement<long>> Each(Func<LogDirDescription, long> value, bool onlineOnly)
    {
        foreach (var dir in _dirs.Get())
        {
            if (!onlineOnly || dir.Error == ErrorCode.None)
            {
                yield return new Measurement<long>(value(dir), new KeyValuePair<string, object?>("dir", dir.Path));
            }
        }
    }
}
