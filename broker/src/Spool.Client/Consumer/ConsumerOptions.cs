using Spool.Client.Consumer.Groups;

namespace Spool.Client.Consumer;

/// <summary>Settings of <see cref="KafkaConsumer"/>; Java client names and defaults.</summary>
public sealed class ConsumerOptions : ClientOptions
{
    /// <summary>
    /// <c>group.id</c>: with manual assignment, where committed offsets are read (initial positions) and written
    /// (<see cref="KafkaConsumer.CommitAsync(CancellationToken)"/>, auto-commit). Null: no offsets are committed.
    /// </summary>
    public string? GroupId { get; set; }

    /// <summary><c>group.instance.id</c>: a static member id (KIP-345); restarts within the session timeout cause no rebalance.</summary>
    public string? GroupInstanceId { get; set; }

    /// <summary><c>session.timeout.ms</c>: the coordinator drops a member whose heartbeats stop for this long.</summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary><c>heartbeat.interval.ms</c>.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// <c>max.poll.interval.ms</c>: the longest time between polls before the member leaves the group (its
    /// partitions go to others); also the rebalance timeout sent in JoinGroup.
    /// </summary>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>partition.assignment.strategy</c>, in order of preference; the group uses the first that every member
    /// supports. Java's default: range, then cooperative-sticky.
    /// </summary>
    public IReadOnlyList<IPartitionAssignor> PartitionAssignmentStrategy { get; set; } = [new RangeAssignor(), new CooperativeStickyAssignor()];

    /// <summary><c>auto.offset.reset</c>.</summary>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Latest;

    /// <summary><c>enable.auto.commit</c>: commit the positions every auto.commit.interval.ms while polling (needs a group id).</summary>
    public bool EnableAutoCommit { get; set; } = true;

    /// <summary><c>auto.commit.interval.ms</c>.</summary>
    public TimeSpan AutoCommitInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary><c>fetch.min.bytes</c>: the broker holds a fetch until this much data is available (or fetch.max.wait.ms).</summary>
    public int FetchMinBytes { get; set; } = 1;

    /// <summary><c>fetch.max.wait.ms</c>.</summary>
    public TimeSpan FetchMaxWait { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>max.partition.fetch.bytes</c>: per partition and fetch (a larger first batch is still returned whole).</summary>
    public int MaxPartitionFetchBytes { get; set; } = 1024 * 1024;

    /// <summary><c>fetch.max.bytes</c>: per fetch response.</summary>
    public int FetchMaxBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary><c>max.poll.records</c>: records returned by one poll at most.</summary>
    public int MaxPollRecords { get; set; } = 500;

    /// <summary>
    /// <c>isolation.level</c>. With read_committed fetches stop at the last stable offset; records of aborted
    /// transactions are not filtered out (Spool has no transactions).
    /// </summary>
    public IsolationLevel IsolationLevel { get; set; } = IsolationLevel.ReadUncommitted;

    /// <summary><c>check.crcs</c>: verify each fetched batch's CRC-32C.</summary>
    public bool CheckCrcs { get; set; } = true;

    /// <summary><c>client.rack</c>: sent with fetches (Fetch v11+).</summary>
    public string ClientRack { get; set; } = "";

    /// <summary><c>default.api.timeout.ms</c>: bound of position, offset look-ups and commits.</summary>
    public TimeSpan DefaultApiTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>allow.auto.create.topics</c>.</summary>
    public bool AllowAutoCreateTopics { get; set; } = true;

    internal override void Validate()
    {
        base.Validate();
        if (FetchMinBytes < 0 || MaxPartitionFetchBytes <= 0 || FetchMaxBytes <= 0 || MaxPollRecords <= 0)
        {
            throw new ArgumentException("fetch.min.bytes must not be negative; max.partition.fetch.bytes, fetch.max.bytes and max.poll.records must be positive");
        }

        RequireNonNegative(FetchMaxWait, "fetch.max.wait.ms");
        RequirePositive(DefaultApiTimeout, "default.api.timeout.ms");
        RequirePositive(AutoCommitInterval, "auto.commit.interval.ms");
        RequirePositive(SessionTimeout, "session.timeout.ms");
        RequirePositive(HeartbeatInterval, "heartbeat.interval.ms");
        RequirePositive(MaxPollInterval, "max.poll.interval.ms");
        if (HeartbeatInterval >= SessionTimeout)
        {
            throw new ArgumentException("heartbeat.interval.ms must be lower than session.timeout.ms");
        }

        if (PartitionAssignmentStrategy.Count == 0 || PartitionAssignmentStrategy.Select(a => a.Name).Distinct(StringComparer.Ordinal).Count() != PartitionAssignmentStrategy.Count)
        {
            throw new ArgumentException("partition.assignment.strategy must list at least one assignor, each name once");
        }
    }
}
