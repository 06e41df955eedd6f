using System.Collections.Concurrent;
using Spool.Broker.Configuration;
using Spool.Broker.Metadata;
using Spool.Storage;

namespace Spool.Broker.Partitions;

/// <summary>
/// The partitions this broker hosts, kept in step with the metadata image: logs are created for new
/// partitions, deleted with their topics, and reconfigured when topic configs change. Produce and fetch
/// go through here.
/// </summary>
public sealed partial class ReplicaManager : IAsyncDisposable
{
    private readonly BrokerConfig _config;
    private readonly MetadataManager _metadata;
    private readonly LogManager _logs;
    private readonly LogDefaults _defaults;
    private readonly ILogger<ReplicaManager> _logger;
    private readonly ConcurrentDictionary<TopicPartition, Partition> _partitions = new();
    private readonly object _applyLock = new();

    public ReplicaManager(BrokerConfig config, MetadataManager metadata, ILogger<ReplicaManager> logger, TimeProvider? time = null)
    {
        _config = config;
        _metadata = metadata;
        _logger = logger;
        var properties = config.ExplicitValues.ToDictionary(kv => kv.Key, kv => kv.Value.Value, StringComparer.Ordinal);
        if (!properties.ContainsKey(BrokerConfigKeys.LogDirs))
        {
            properties[BrokerConfigKeys.LogDirs] = string.Join(",", config.LogDirs);
        }

        var options = LogManagerOptions.FromBrokerProperties(properties, time);
        _defaults = options.Defaults;
        _logs = new LogManager(options with
        {
            TopicConfigProvider = TopicConfig,
            Log = message => _logger.LogInformation("{Message}", message),
        });
    }

    public LogManager Logs => _logs;

    public LogDefaults Defaults => _defaults;

    public IEnumerable<Partition> Partitions => _partitions.Values;

    /// <summary>Recovers the logs on disk and aligns them with the current metadata image.</summary>
    public void Start()
    {
        _logs.Startup();
        _metadata.Published += (_, image) => Apply(image);
        Apply(_metadata.Image);
    }

    public bool TryGetPartition(TopicPartition tp, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Partition? partition) =>
        _partitions.TryGetValue(tp, out partition);

    /// <summary>The effective log config of a topic: broker defaults plus the topic's overrides.</summary>
    public LogConfig TopicConfig(string topic)
    {
        var overrides = _metadata.Image.Topics.TryGetValue(topic, out var t)
            ? t.Configs.ToDictionary(kv => kv.Key, kv => (string?)kv.Value)
            : new Dictionary<string, string?>();
        return LogConfig.Create(overrides, _defaults);
    }

    public async ValueTask DisposeAsync() => await _logs.DisposeAsync();

    private void Apply(ClusterImage image)
    {
        lock (_applyLock)
        {
            var wanted = new HashSet<TopicPartition>();
            foreach (var topic in image.Topics.Values)
            {
                LogConfig? config = null;
                foreach (var p in topic.Partitions)
                {
                    if (!p.Replicas.Contains(_metadata.NodeId))
                    {
                        continue;
                    }

                    var tp = new TopicPartition(topic.Name, p.Index);
                    wanted.Add(tp);
                    config ??= LogConfig.Create(topic.Configs.ToDictionary(kv => kv.Key, kv => (string?)kv.Value), _defaults);
                    if (_partitions.TryGetValue(tp, out var existing))
                    {
                        if (existing.TopicId != topic.Id)
                        {
                            // Same name, new topic: the old one was deleted and re-created.
                            RemovePartition(tp);
                        }
                        else
                        {
                            existing.Placement = p;
                            if (!ReferenceEquals(existing.Log.Config, config) && !SameOverrides(existing.Log.Config, config))
                            {
                                existing.Log.Config = config;
                            }

                            continue;
                        }
                    }

                    var log = _logs.GetOrCreateLog(tp, topic.Id, config);
                    if (log.TopicId != topic.Id)
                    {
                        // The topic was deleted and re-created while this broker was down: the data on disk
                        // belongs to the old topic.
                        _logger.LogInformation("Deleting log {Partition} of topic id {Old}; the topic is now {New}", tp, log.TopicId, topic.Id);
                        _logs.DeleteLog(tp);
                        log = _logs.GetOrCreateLog(tp, topic.Id, config);
                    }

                    var partition = new Partition(log, p, topic.Id);

                    // A single replica is the whole ISR: everything appended is committed.
                    log.UpdateHighWatermark(log.LogEndOffset);
                    _partitions[tp] = partition;
                }
            }

            foreach (var tp in _partitions.Keys.Where(tp => !wanted.Contains(tp)).ToList())
            {
                RemovePartition(tp);
            }

            foreach (var log in _logs.Logs.Where(l => !wanted.Contains(l.TopicPartition) && !_partitions.ContainsKey(l.TopicPartition)).ToList())
            {
                _logger.LogInformation("Deleting log {Partition}: its topic no longer exists", log.TopicPartition);
                _logs.DeleteLog(log.TopicPartition);
            }
        }
    }

    private void RemovePartition(TopicPartition tp)
    {
        if (_partitions.TryRemove(tp, out var partition))
        {
            partition.Signal();
            _logs.DeleteLog(tp);
            _logger.LogInformation("Deleted partition {Partition}", tp);
        }
    }

    private static bool SameOverrides(LogConfig a, LogConfig b) =>
        a.Overrides.Count == b.Overrides.Count && a.Overrides.All(kv => b.Overrides.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
