namespace Spool.Storage.Tests;

/// <summary>Swapping compacted segments in: under concurrent appends and reads, and after a crash in the middle of a swap.</summary>
public sealed class CompactionSwapTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Appends_and_reads_continue_while_the_log_is_cleaned()
    {
        const int Keys = 20;
        const int Batches = 3000;
        using var log = LogFixture.Open(_dir, Compaction.Config(("segment.bytes", "2000"), ("file.delete.delay.ms", "0")));
        var done = false;
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < Batches; i++)
            {
                var result = log.AppendAsLeader(KeyedBatch.One($"k{i % Keys}", $"v{i}"), 0);
                result.IsSuccess.Should().BeTrue(result.ErrorMessage);
                log.MaybeIncrementHighWatermark(log.LogEndOffset);
            }

            Volatile.Write(ref done, true);
        });
        var reads = 0;
        var reader = Task.Run(() =>
        {
            // A few passes more once the writer is done, so reading always overlaps cleaning.
            while (!Volatile.Read(ref done) || reads < 5)
            {
                // Every pass sees whole, valid batches in increasing offsets, whatever the cleaner swaps meanwhile.
                var last = -1L;
                foreach (var record in LogRecords.ReadAll(log))
                {
                    record.Offset.Should().BeGreaterThan(last);
                    record.Value.Should().Be($"v{record.Offset}");
                    last = record.Offset;
                }

                reads++;
            }
        });

        while (!reader.IsCompleted || !writer.IsCompleted)
        {
            Compaction.Clean(log);
        }

        await Task.WhenAll(writer, reader);
        log.Roll();
        Compaction.Clean(log).Should().NotBeNull();
        var records = LogRecords.ReadAll(log);
        records.Select(r => r.Value).Should().Equal(Enumerable.Range(Batches - Keys, Keys).Select(i => $"v{i}"));
        log.LogEndOffset.Should().Be(Batches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_committed_swap_is_completed_at_startup(bool oldSegmentsPartlyRenamed)
    {
        var (original, expected, cleanedFiles) = PrepareInterruptedSwap();
        foreach (var (name, bytes) in cleanedFiles)
        {
            File.WriteAllBytes(Path.Combine(original, name + ".swap"), bytes);
        }

        if (oldSegmentsPartlyRenamed)
        {
            var first = Path.Combine(original, $"{0:D20}.log");
            File.Move(first, first + ".deleted");
            File.Delete(Path.Combine(original, $"{0:D20}.index"));
        }

        using var log = LogFixture.Open(_dir, Config(), options: new LogOpenOptions { RecoveryPoint = 0 });
        LogRecords.ReadAll(log).Should().Equal(expected);
        Directory.GetFiles(original, "*.swap").Should().BeEmpty();
        Directory.GetFiles(original, "*.deleted").Should().BeEmpty();
        log.SegmentBaseOffsets.Should().Equal(0, 9);
        LogFixture.Append(log).FirstOffset.Should().Be(9);
    }

    [Fact]
    public void Uncommitted_compaction_output_is_discarded_at_startup()
    {
        var (original, _, cleanedFiles) = PrepareInterruptedSwap();
        using (var before = LogFixture.Open(_dir, Config(), options: new LogOpenOptions { HadCleanShutdown = true }))
        {
            before.SegmentCount.Should().Be(4);
        }

        foreach (var (name, bytes) in cleanedFiles)
        {
            File.WriteAllBytes(Path.Combine(original, name + (name.EndsWith(".log", StringComparison.Ordinal) ? ".cleaned" : ".swap")), bytes);
        }

        using var log = LogFixture.Open(_dir, Config(), options: new LogOpenOptions { RecoveryPoint = 0 });
        LogRecords.ReadAll(log).Should().HaveCount(9, "without the log's .swap file nothing was committed");
        Directory.GetFiles(original, "*.cleaned").Should().BeEmpty();
        Directory.GetFiles(original, "*.swap").Should().BeEmpty();
    }

    private static LogConfig Config() => Compaction.Config(("file.delete.delay.ms", "0"));

    /// <summary>
    /// Writes a log of three small segments (keys repeat) and closes it; cleans a copy of it, and returns the
    /// original's directory, what the copy reads after cleaning, and the copy's compacted segment files.
    /// </summary>
    private (string Original, List<StoredRecord> Expected, List<(string Name, byte[] Bytes)> CleanedFiles) PrepareInterruptedSwap()
    {
        string original;
        using (var log = LogFixture.Open(_dir, Config()))
        {
            for (var s = 0; s < 3; s++)
            {
                Compaction.Put(log, [("a", $"a{s}"), ("b", $"b{s}"), ($"u{s}", "u")]);
                log.Roll();
            }

            log.Close();
            original = log.Directory;
        }

        var copy = Path.Combine(_dir.Path, "copy", "topic-0");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(original))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        using var cleaned = PartitionLog.Open(copy, Config(), new LogOpenOptions { HadCleanShutdown = true });
        Compaction.Clean(cleaned).Should().NotBeNull();
        cleaned.SegmentBaseOffsets.Should().Equal(0, 9);
        var expected = LogRecords.ReadAll(cleaned);
        expected.Select(r => r.Value).Should().Equal("u", "u", "a2", "b2", "u");
        cleaned.Close();
        var files = new[] { ".log", ".index", ".timeindex" }
            .Select(suffix => $"{0:D20}{suffix}")
            .Select(name => (name, File.ReadAllBytes(Path.Combine(copy, name))))
            .ToList();
        return (original, expected, files);
    }
}
