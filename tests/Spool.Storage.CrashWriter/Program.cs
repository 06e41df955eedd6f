using Spool.Storage;
using Spool.Storage.Tests;

// Appends CrashWorkload batches to crash-0 under the log dir given as the first argument until killed, printing
// "writing <first offset>" before every append (the test kills on it, so the kill tends to land mid-write),
// "appended <last offset>" after every append and "flushed <recovery point>" after every explicit flush.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Spool.Storage.CrashWriter <log dir>");
    return 2;
}

var config = CrashWorkload.Config();
var manager = new LogManager(new LogManagerOptions { LogDirs = [args[0]], TopicConfigProvider = _ => config });
manager.Startup();
var log = manager.GetOrCreateLog(CrashWorkload.Partition, CrashWorkload.TopicId, config);
using var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
stdout.WriteLine($"started {log.LogEndOffset}");
for (var i = 0; ; i++)
{
    var batch = CrashWorkload.Batch(log.LogEndOffset, i);
    stdout.WriteLine($"writing {log.LogEndOffset}");
    var result = log.AppendAsLeader(batch, leaderEpoch: 0);
    if (!result.IsSuccess)
    {
        Console.Error.WriteLine($"append failed: {result.Error} {result.ErrorMessage}");
        return 1;
    }

    stdout.WriteLine($"appended {result.LastOffset}");
    if (i % CrashWorkload.FlushEvery == CrashWorkload.FlushEvery - 1)
    {
        log.Flush();
        stdout.WriteLine($"flushed {log.RecoveryPoint}");
    }
}
