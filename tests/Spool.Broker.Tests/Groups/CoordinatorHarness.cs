using Microsoft.Extensions.Logging.Abstractions;
using Spool.Broker.Configuration;
using Spool.Broker.Groups;
using Spool.Broker.Metadata;
using Spool.Broker.Partitions;
using Spool.Protocol;
using Spool.Storage;
using Spool.Testing;

namespace Spool.Broker.Tests.Groups;

/// <summary>
/// A coordinator over the real metadata and partition layers in a temporary directory, on a manual clock: what
/// the coordinator writes goes to a real __consumer_offsets log, and <see cref="RestartAsync"/> reloads it.
/// </summary>
public sealed class CoordinatorHarness : IAsyncDisposable
{
    public const string Topic = "events";

    private readonly TempDirectory _dir;
    private readonly BrokerConfig _config;
    private MetadataManager _metadata = null!;
    private ReplicaManager _replicas = null!;

    private CoordinatorHarness(TempDirectory dir, BrokerConfig config)
    {
        _dir = dir;
        _config = config;
    }

    public ManualTimeProvider Time { get; } = new();

    public GroupCoordinator Coordinator { get; private set; } = null!;

    public ReplicaManager Replicas => _replicas;

    public MetadataManager Metadata => _metadata;

    public static async Task<CoordinatorHarness> StartAsync(params (string Key, string Value)[] overrides)
    {
        var dir = new TempDirectory("spool-groups");
        var values = new Dictionary<string, string>
        {
            ["log.dirs"] = Path.Combine(dir.Path, "data"),
            ["listeners"] = "PLAINTEXT://127.0.0.1:0",
            ["offsets.topic.num.partitions"] = "3",
            ["group.initial.rebalance.delay.ms"] = "3000",
        };
        foreach (var (k, v) in overrides)
        {
            values[k] = v;
        }

        var harness = new CoordinatorHarness(dir, BrokerConfig.FromDictionary(values));
        await harness.OpenAsync(createTopics: true);
        return harness;
    }

    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync(createTopics: false);
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        _dir.Dispose();
    }

    /// <summary>Every record of the group's __consumer_offsets partition, as (key, value) byte arrays.</summary>
    public List<(byte[] Key, byte[]? Value)> OffsetsTopicRecords(string groupId)
    {
        _replicas.TryGetPartition(new TopicPartition(OffsetsTopic.Name, Coordinator.PartitionFor(groupId)), out var partition);
        using var read = partition!.Log.Read(0, 1 << 20);
        return Protocol.Records.RecordBatchReader.ReadAllRecords(read.Records)
            .Select(r => (r.Key!.Value.ToArray(), r.Value?.ToArray()))
            .ToList();
    }

    private async Task OpenAsync(bool createTopics)
    {
        var policy = new StorageTopicConfigPolicy();
        _metadata = new MetadataManager(_config, policy, NullLogger<MetadataManager>.Instance);
        _metadata.Start();
        await _metadata.RegisterSelfAsync([new BrokerEndpoint("PLAINTEXT", "localhost", 9092)]);
        _replicas = new ReplicaManager(_config, _metadata, NullLogger<ReplicaManager>.Instance);
        _replicas.Start();
        Coordinator = new GroupCoordinator(_config, _metadata, _replicas, policy, Time, NullLogger<GroupCoordinator>.Instance);
        Coordinator.Start();
        if (createTopics)
        {
            var created = await _metadata.CreateTopicAsync(Topic, 4, 1, null, new Dictionary<string, string?>(), validateOnly: false);
            Assert.Equal(ErrorCode.None, created.Error);
            Assert.Equal(ErrorCode.None, await Coordinator.EnsureOffsetsTopicAsync("any", CancellationToken.None));
        }

        await Coordinator.WhenLoadedAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    private async Task CloseAsync()
    {
        Coordinator.Shutdown();
        await _replicas.DisposeAsync();
        _metadata.Dispose();
    }
}
