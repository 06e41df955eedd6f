using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Spool.Storage.Tests;

/// <summary>
/// The real thing: a child process appends batches in a loop and reports what it appended and flushed; the test
/// SIGKILLs it in the middle of writing, reopens the log dir and checks that every reported record is there, that
/// every byte served is a valid batch with the expected contents, and that the log accepts appends again.
/// </summary>
public sealed class KillRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private static readonly int Rounds = int.TryParse(Environment.GetEnvironmentVariable("SPOOL_KILL_ROUNDS"), out var rounds) ? rounds : 2;
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(40)]
    public async Task Everything_reported_before_kill_9_is_intact_and_nothing_corrupt_is_served(int appendsBeforeKill)
    {
        var logDir = _dir.Combine("data");
        var lastAppended = -1L;
        var lastFlushed = -1L;
        for (var round = 0; round < Rounds; round++)
        {
            var (appended, flushed) = await RunWriterAndKill(logDir, appendsBeforeKill, TimeSpan.FromMilliseconds(round % 5 * 3));
            appended.Should().BeGreaterThan(lastAppended, "the writer makes progress in every round");
            lastAppended = appended;
            lastFlushed = Math.Max(lastFlushed, flushed);
            output.WriteLine($"round {round}: last appended {lastAppended}, last flushed {lastFlushed}");
            Verify(logDir, lastAppended, lastFlushed, output);
        }
    }

    /// <summary>Runs the writer until it has reported <paramref name="appendsBeforeKill"/> appends and starts another, then kills it after <paramref name="killDelay"/>.</summary>
    private static async Task<(long Appended, long Flushed)> RunWriterAndKill(string logDir, int appendsBeforeKill, TimeSpan killDelay)
    {
        var writer = Path.Combine(AppContext.BaseDirectory, "Spool.Storage.CrashWriter.dll");
        File.Exists(writer).Should().BeTrue($"the crash writer is built next to the tests ({writer})");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(writer);
        start.ArgumentList.Add(logDir);

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        long appended = -1, flushed = -1;
        var appends = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"The writer exited early: {await stderr}");
                Parse(line, ref appended, ref flushed, ref appends);
                if (appends >= appendsBeforeKill && line.StartsWith("writing", StringComparison.Ordinal))
                {
                    break;
                }
            }

            // SIGKILL as the writer appends a multi-megabyte batch (the delay varies where it lands): no shutdown code runs.
            var spin = Stopwatch.StartNew();
            while (spin.Elapsed < killDelay)
            {
                Thread.SpinWait(20);
            }

            process.Kill(entireProcessTree: false);

            // Lines already in the pipe were reported before the kill: they count too.
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                Parse(line, ref appended, ref flushed, ref appends);
            }

            await process.WaitForExitAsync(timeout.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        process.ExitCode.Should().Be(137, "the writer died of SIGKILL");
        return (appended, flushed);
    }

    private static void Parse(string line, ref long appended, ref long flushed, ref int appends)
    {
        var parts = line.Split(' ');
        var value = long.Parse(parts[1], CultureInfo.InvariantCulture);
        switch (parts[0])
        {
            case "appended":
                appended = value;
                appends++;
                break;
            case "flushed":
                flushed = value;
                break;
        }
    }

    private static void Verify(string logDir, long lastAppended, long lastFlushed, ITestOutputHelper output)
    {
        File.Exists(Path.Combine(logDir, ".kafka_cleanshutdown")).Should().BeFalse("the writer never shut down cleanly");
        var messages = new List<string>();
        var manager = new LogManager(new LogManagerOptions
        {
            LogDirs = [logDir],
            TopicConfigProvider = _ => CrashWorkload.Config(),
            Log = messages.Add,
        });
        manager.Startup();
        try
        {
            messages.ForEach(output.WriteLine);
            var log = manager.GetLog(CrashWorkload.Partition)!;
            log.Should().NotBeNull();
            log.TopicId.Should().Be(CrashWorkload.TopicId);
            output.WriteLine($"recovered log end offset {log.LogEndOffset}");
            log.LogEndOffset.Should().BeGreaterThan(lastAppended, "every append reported before the kill survives it");
            log.LogEndOffset.Should().BeGreaterThanOrEqualTo(lastFlushed);
            log.SegmentCount.Should().BeGreaterThan(1);

            // Read everything back in small fetches: whole batches, valid CRCs, contiguous offsets, expected bytes.
            var next = 0L;
            while (next < log.LogEndOffset)
            {
                using var result = log.Read(next, 64 * 1024);
                result.Error.Should().Be(Protocol.ErrorCode.None);
                var batches = TestBatch.Split(result.Records.Span);
                batches.Should().NotBeEmpty();
                foreach (var (header, bytes) in batches)
                {
                    header.BaseOffset.Should().Be(next);
                    var values = TestBatch.Values(bytes);
                    values.Should().HaveCount(header.RecordCount);
                    for (var i = 0; i < values.Count; i++)
                    {
                        values[i].AsSpan().SequenceEqual(CrashWorkload.Value(next + i)).Should().BeTrue($"record {next + i} is intact");
                    }

                    next = header.LastOffset + 1;
                }
            }

            next.Should().Be(log.LogEndOffset);

            // The recovered log keeps working.
            var appended = log.AppendAsLeader(CrashWorkload.Batch(log.LogEndOffset, 0), 0);
            appended.IsSuccess.Should().BeTrue();
            appended.FirstOffset.Should().Be(next);
        }
        finally
        {
            manager.ShutdownAsync().GetAwaiter().GetResult();
        }
    }
}
