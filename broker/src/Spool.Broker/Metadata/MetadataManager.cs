using System.Collections.Immutable;
using Spool.Broker.Configuration;
using Spool.Protocol;

namespace Spool.Broker.Metadata;

/// <summary>
/// Owns the cluster metadata: replays the metadata log on start, validates and commits changes (as the
/// single-node controller), and publishes a new <see cref="ClusterImage"/> after each commit. Changes are
/// serialized; readers never block.
/// </summary>
public sealed partial class MetadataManager : IDisposable
{
    private readonly BrokerConfig _config;
    private readonly ITopicConfigPolicy _policy;
    private readonly ILogger<MetadataManager> _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private MetadataJournal? _journal;
    private ClusterImage _image = ClusterImage.Empty;

    public MetadataManager(BrokerConfig config, ITopicConfigPolicy policy, ILogger<MetadataManager> logger)
    {
        _config = config;
        _policy = policy;
        _logger = logger;
        NodeId = config.NodeId;
    }

    /// <summary>Raised after a change is committed, with the previous and the new image.</summary>
    public event Action<ClusterImage, ClusterImage>? Published;

    public int NodeId { get; }

    public ClusterImage Image => Volatile.Read(ref _image);

    /// <summary>Formats the log dirs if needed and replays the metadata log.</summary>
    public void Start()
    {
        var clusterId = MetaProperties.EnsureFormatted(_config.LogDirs.Append(_config.MetadataLogDir).Distinct().ToList(), NodeId);
        _journal = MetadataJournal.Open(_config.MetadataLogDir);
        var image = ClusterImage.Empty.With(clusterId: clusterId, controllerId: NodeId);
        foreach (var record in _journal.Records)
        {
            image = ImageBuilder.Apply(image, record);
        }

        image = image.With(offset: _journal.NextOffset);
        _logger.LogInformation("Metadata loaded: cluster {ClusterId}, {Topics} topics, {Records} records", clusterId, image.Topics.Count, _journal.Records.Count);
        Publish(image);
    }

    /// <summary>Registers this broker's advertised endpoints (after listeners are bound, so port 0 is resolved).</summary>
    public async Task RegisterSelfAsync(IReadOnlyList<BrokerEndpoint> endpoints, CancellationToken cancellationToken = default)
    {
        var record = new RegisterBrokerRecord(NodeId, endpoints.ToArray(), _config.Rack);
        await CommitAsync(_ => ([record], ErrorCode.None, null), cancellationToken);
    }

    public void Dispose()
    {
        _journal?.Dispose();
        _writeLock.Dispose();
    }

    /// <summary>
    /// Runs <paramref name="plan"/> against the current image under the write lock; if it returns records
    /// and no error, they are made durable, applied and published.
    /// </summary>
    private async Task<(ErrorCode Error, string? Message, ClusterImage Image)> CommitAsync(
        Func<ClusterImage, (IReadOnlyList<MetadataRecord> Records, ErrorCode Error, string? Message)> plan,
        CancellationToken cancellationToken,
        bool validateOnly = false)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var current = Image;
            var (records, error, message) = plan(current);
            if (error != ErrorCode.None || records.Count == 0 || validateOnly)
            {
                return (error, message, current);
            }

            var journal = _journal ?? throw new InvalidOperationException("metadata manager not started");
            journal.Append(records);
            var next = current;
            foreach (var r in records)
            {
                next = ImageBuilder.Apply(next, r);
            }

            next = next.With(offset: journal.NextOffset);
            Publish(next);
            return (ErrorCode.None, null, next);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Publish(ClusterImage next)
    {
        var previous = Interlocked.Exchange(ref _image, next);
        Published?.Invoke(previous, next);
    }

    private static ImmutableDictionary<string, string> NoConfigs => ImmutableDictionary<string, string>.Empty;
}
