namespace Spool.Storage;

/// <summary>The log cleaner's broker settings (Kafka's <c>log.cleaner.*</c> names and defaults).</summary>
public sealed record CleanerOptions
{
    /// <summary><c>log.cleaner.enable</c>: run the background cleaner for compacted topics.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary><c>log.cleaner.threads</c>: logs cleaned at once.</summary>
    public int Threads { get; init; } = 1;

    /// <summary><c>log.cleaner.backoff.ms</c>: the pause when no log needs cleaning.</summary>
    public TimeSpan Backoff { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary><c>log.cleaner.dedupe.buffer.size</c>: memory for the key maps, shared by the threads.</summary>
    public long DedupeBufferSize { get; init; } = 128L << 20;

    /// <summary><c>log.cleaner.io.buffer.size</c>: read and write buffer size of a cleaner thread.</summary>
    public int IoBufferSize { get; init; } = 512 << 10;

    /// <summary>Memory for one thread's key map: Kafka's 90% load factor of the thread's share of the dedupe buffer.</summary>
    internal long MapMemoryPerThread => (long)(DedupeBufferSize * 0.9 / Math.Max(1, Threads));
}
