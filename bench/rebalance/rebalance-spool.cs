#:project ../../broker/src/Spool.Client/Spool.Client.csproj
// Rebalance time of a 4-member consumer group with the Spool .NET client (Spool.Client): a 5th member joins, then
// one member leaves (LeaveGroup on close). bench/rebalance/rebalance.py runs this next to the librdkafka
// measurement and documents the method; see docs/benchmarks.md ("Consumer group rebalance").
//
//   dotnet run -c Release bench/rebalance/rebalance-spool.cs -- --bootstrap host:port --topic t --partitions 20 \
//       --rounds 5 --heartbeat-ms 3000 --session-ms 45000 --label defaults
//
// Prints one JSON object per round: {"client", "label", "round", "join_ms", "leave_ms"}.
using System.Diagnostics;
using System.Globalization;
using Spool.Client;
using Spool.Client.Consumer;

var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
for (var i = 0; i + 1 < args.Length; i += 2)
{
    arguments[args[i].TrimStart('-')] = args[i + 1];
}

var bootstrap = arguments["bootstrap"];
var topic = arguments["topic"];
var partitionCount = int.Parse(arguments["partitions"], CultureInfo.InvariantCulture);
var rounds = int.Parse(arguments.GetValueOrDefault("rounds", "5"), CultureInfo.InvariantCulture);
var heartbeat = TimeSpan.FromMilliseconds(int.Parse(arguments.GetValueOrDefault("heartbeat-ms", "3000"), CultureInfo.InvariantCulture));
var session = TimeSpan.FromMilliseconds(int.Parse(arguments.GetValueOrDefault("session-ms", "45000"), CultureInfo.InvariantCulture));
var label = arguments.GetValueOrDefault("label", "defaults");
var everyPartition = Enumerable.Range(0, partitionCount).Select(p => new TopicPartition(topic, p)).ToHashSet();

for (var round = 1; round <= rounds; round++)
{
    var group = $"rebalance-spool-{label}-{round}-{Guid.NewGuid():N}";
    var members = new List<(KafkaConsumer Consumer, CancellationTokenSource Stop, Task Loop)>();
    for (var m = 0; m < 4; m++)
    {
        members.Add(Join(group, m));
    }

    await SettledAsync(members, TimeSpan.FromMinutes(2));
    await PauseAsync();

    // A 5th member joins: from its subscribe until all five hold disjoint, non-empty shares of every partition.
    var start = Stopwatch.GetTimestamp();
    members.Add(Join(group, 4));
    var joinMs = Stopwatch.GetElapsedTime(start, await SettledAsync(members, TimeSpan.FromMinutes(2))).TotalMilliseconds;
    await PauseAsync();

    // One member leaves (stops polling, closes: LeaveGroup): until the other four share every partition again.
    var leaving = members[0];
    members.RemoveAt(0);
    start = Stopwatch.GetTimestamp();
    var closing = CloseAsync(leaving);
    var leaveMs = Stopwatch.GetElapsedTime(start, await SettledAsync(members, TimeSpan.FromMinutes(2))).TotalMilliseconds;
    await closing;

    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $$"""{"client": "spool-dotnet", "label": "{{label}}", "round": {{round}}, "join_ms": {{joinMs:F1}}, "leave_ms": {{leaveMs:F1}}}"""));
    await Task.WhenAll(members.Select(CloseAsync));
}

// A second plus a random part of a heartbeat interval, so that events land at random heartbeat phases.
Task PauseAsync() => Task.Delay(TimeSpan.FromSeconds(1) + (heartbeat * Random.Shared.NextDouble()));

(KafkaConsumer Consumer, CancellationTokenSource Stop, Task Loop) Join(string group, int index)
{
    var consumer = new KafkaConsumer(new ConsumerOptions
    {
        BootstrapServers = bootstrap,
        GroupId = group,
        ClientId = $"rebalance-spool-{index}",
        HeartbeatInterval = heartbeat,
        SessionTimeout = session,
        EnableAutoCommit = false,
    });
    consumer.Subscribe([topic]);
    var stop = new CancellationTokenSource();

    // What an application does: poll in a loop. Rebalances run inside PollAsync.
    var loop = Task.Run(async () =>
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await consumer.PollAsync(TimeSpan.FromMilliseconds(100), stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    });
    return (consumer, stop, loop);
}

async Task CloseAsync((KafkaConsumer Consumer, CancellationTokenSource Stop, Task Loop) member)
{
    await member.Stop.CancelAsync();
    await member.Loop;
    await member.Consumer.DisposeAsync();
    member.Stop.Dispose();
}

// Samples the members' assignments every millisecond; returns the timestamp at which every member holds a
// non-empty share, the shares are disjoint and together cover every partition.
async Task<long> SettledAsync(List<(KafkaConsumer Consumer, CancellationTokenSource Stop, Task Loop)> members, TimeSpan timeout)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
    while (Stopwatch.GetTimestamp() < deadline)
    {
        var shares = members.Select(m => m.Consumer.Assignment).ToList();
        var union = shares.SelectMany(s => s).ToHashSet();
        if (shares.All(s => s.Count > 0) && shares.Sum(s => s.Count) == union.Count && union.SetEquals(everyPartition))
        {
            return Stopwatch.GetTimestamp();
        }

        await Task.Delay(1);
    }

    throw new TimeoutException($"the group did not settle within {timeout}");
}
