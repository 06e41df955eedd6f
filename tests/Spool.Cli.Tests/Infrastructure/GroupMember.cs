using Spool.Client.Consumer;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>An active consumer-group member (the .NET client) that keeps polling in the background until disposed.</summary>
public sealed class GroupMember : IAsyncDisposable
{
    public const string ClientId = "cli-test-member";

    private readonly KafkaConsumer _consumer;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _assigned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    private GroupMember(KafkaConsumer consumer, int partitions)
    {
        _consumer = consumer;
        _loop = PollAsync(partitions);
    }

    /// <summary>Joins the group and returns once it owns <paramref name="partitions"/> partitions.</summary>
    public static async Task<GroupMember> JoinAsync(string bootstrap, string group, string topic, int partitions)
    {
        var consumer = new KafkaConsumer(new ConsumerOptions
        {
            BootstrapServers = bootstrap,
            GroupId = group,
            ClientId = ClientId,
            SessionTimeout = TimeSpan.FromSeconds(6),
            HeartbeatInterval = TimeSpan.FromMilliseconds(500),
            EnableAutoCommit = false,
        });
        consumer.Subscribe([topic]);
        var member = new GroupMember(consumer, partitions);
        await member._assigned.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return member;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        await _consumer.DisposeAsync();
        _stop.Dispose();
    }

    private async Task PollAsync(int partitions)
    {
        while (!_stop.IsCancellationRequested)
        {
            await _consumer.PollAsync(TimeSpan.FromMilliseconds(200), _stop.Token);
            if (_consumer.Assignment.Count == partitions)
            {
                _assigned.TrySetResult();
            }
        }
    }
}
