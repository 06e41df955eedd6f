using Microsoft.Extensions.Logging;
using Spool.Client.Internal;
using Spool.Protocol;

namespace Spool.Client.Consumer.Groups;

/// <summary>
/// The classic consumer group protocol, client side: JoinGroup and SyncGroup (the leader runs the assignor),
/// a background heartbeat, rebalances on the coordinator's request or when the leader sees partition counts
/// change, LeaveGroup on close or when polls stop for max.poll.interval.ms. Rebalance callbacks and assignment
/// changes happen only inside <see cref="PollAsync"/>, on the application's poll.
/// </summary>
internal sealed partial class GroupMembership : IAsyncDisposable
{
    private readonly KafkaClientCore _core;
    private readonly ConsumerOptions _options;
    private readonly SubscriptionState _subscriptions;
    private readonly Action<IReadOnlyCollection<TopicPartition>> _applyAssignment;
    private readonly Func<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>, CancellationToken, Task> _commit;
    private readonly ILogger _logger;
    private readonly string _groupId;
    private readonly RebalanceProtocol _protocol;
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _lifetime = new();
    private IReadOnlyList<string> _topics = [];
    private IConsumerRebalanceListener? _listener;
    private string _memberId = "";
    private int _generation = -1;
    private MemberState _state = MemberState.Unjoined;
    private bool _rejoinNeeded = true;
    private bool _partitionsLost;
    private IReadOnlyDictionary<string, int>? _leaderSnapshot;
    private Task<JoinResult>? _join;
    private Task _heartbeat = Task.CompletedTask;
    private long _lastPoll = Environment.TickCount64;
    private KafkaException? _fatal;

    public GroupMembership(
        KafkaClientCore core,
        ConsumerOptions options,
        SubscriptionState subscriptions,
        Action<IReadOnlyCollection<TopicPartition>> applyAssignment,
        Func<IReadOnlyDictionary<TopicPartition, OffsetAndMetadata>, CancellationToken, Task> commit)
    {
        _core = core;
        _options = options;
        _subscriptions = subscriptions;
        _applyAssignment = applyAssignment;
        _commit = commit;
        _logger = core.Logger;
        _groupId = options.GroupId ?? throw new KafkaException(ErrorCode.InvalidGroupId, "subscribing needs group.id");

        // As in Java: cooperative only when every configured assignor supports it.
        _protocol = options.PartitionAssignmentStrategy.All(a => a.Protocol == RebalanceProtocol.Cooperative)
            ? RebalanceProtocol.Cooperative
            : RebalanceProtocol.Eager;
    }

    public IReadOnlyList<string> Topics
    {
        get
        {
            lock (_lock)
            {
                return _topics;
            }
        }
    }

    public ConsumerGroupMetadata Metadata
    {
        get
        {
            lock (_lock)
            {
                return new ConsumerGroupMetadata(_groupId, _generation, _memberId, _options.GroupInstanceId);
            }
        }
    }

    /// <summary>Whether the member is in a stable generation (commits carry it).</summary>
    public bool IsStable
    {
        get
        {
            lock (_lock)
            {
                return _state == MemberState.Stable;
            }
        }
    }

    public void Subscribe(IReadOnlyList<string> topics, IConsumerRebalanceListener? listener)
    {
        lock (_lock)
        {
            if (!topics.Order(StringComparer.Ordinal).SequenceEqual(_topics.Order(StringComparer.Ordinal)))
            {
                _rejoinNeeded = true;
            }

            _topics = topics;
            _listener = listener;
        }

        foreach (var topic in topics)
        {
            _core.Metadata.Track(topic);
        }
    }

    /// <summary>Asks for a rebalance at the next poll (after a failed commit, a subscription change, ...).</summary>
    public void RequestRejoin()
    {
        lock (_lock)
        {
            _rejoinNeeded = true;
        }
    }

    /// <summary>
    /// Drives the membership from the application's poll: reports lost partitions, starts a rebalance when one
    /// is needed and applies its outcome once done, waiting at most <paramref name="budget"/> for it.
    /// </summary>
    public async Task PollAsync(TimeSpan budget, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _lastPoll, Environment.TickCount64);
        if (_fatal is { } fatal)
        {
            throw fatal;
        }

        bool lost;
        lock (_lock)
        {
            lost = _partitionsLost;
            _partitionsLost = false;
        }

        if (lost)
        {
            await LosePartitionsAsync(cancellationToken);
        }

        CheckLeaderMetadata();
        if (_join is null && NeedsJoin())
        {
            await PrepareJoinAsync(cancellationToken);
            lock (_lock)
            {
                _rejoinNeeded = false;
                _state = MemberState.Rebalancing;
            }

            _join = Task.Run(() => JoinAndSyncAsync(_lifetime.Token));
        }

        if (_join is not { } join)
        {
            return;
        }

        if (await Task.WhenAny(join, Task.Delay(budget > TimeSpan.Zero ? budget : TimeSpan.Zero, cancellationToken)) != join)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return;
        }

        _join = null;
        JoinResult result;
        try
        {
            result = await join;
        }
        catch (KafkaException e)
        {
            // The join loop retries everything retriable itself: what reaches here is final (fenced, refused, ...).
            _fatal = e;
            throw;
        }

        await CompleteJoinAsync(result, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync();
        try
        {
            await _heartbeat;
        }
        catch (OperationCanceledException)
        {
        }

        if (_join is { } join)
        {
            try
            {
                await join;
            }
            catch (Exception e) when (e is OperationCanceledException or KafkaException)
            {
            }
        }

        _lifetime.Dispose();
    }

    private bool NeedsJoin()
    {
        lock (_lock)
        {
            return _topics.Count > 0 && (_rejoinNeeded || _state == MemberState.Unjoined);
        }
    }

    /// <summary>The leader rebalances when a subscribed topic appears or gains partitions.</summary>
    private void CheckLeaderMetadata()
    {
        IReadOnlyDictionary<string, int>? snapshot;
        lock (_lock)
        {
            snapshot = _state == MemberState.Stable ? _leaderSnapshot : null;
        }

        if (snapshot is null)
        {
            return;
        }

        var metadata = _core.Metadata.Current;
        foreach (var topic in Topics)
        {
            var now = metadata.Topic(topic) is { Error: ErrorCode.None } t ? t.Partitions.Count : 0;
            if (now != snapshot.GetValueOrDefault(topic) && metadata.Topic(topic) is not null)
            {
                _logger.LogInformation("Partitions of {Topic} changed ({Before} -> {Now}); rebalancing group {Group}", topic, snapshot.GetValueOrDefault(topic), now, _groupId);
                RequestRejoin();
                return;
            }
        }
    }
}
