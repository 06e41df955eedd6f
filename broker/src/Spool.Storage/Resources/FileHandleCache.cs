using Microsoft.Win32.SafeHandles;

namespace Spool.Storage;

/// <summary>
/// LRU of read-only handles to inactive segment files, shared by all logs of a <see cref="LogManager"/>, so the
/// number of open files stays bounded however many partitions and segments there are.
/// </summary>
internal sealed class FileHandleCache
{
    private readonly LruCache<LogSegment, SafeFileHandle> _cache;

    public FileHandleCache(int capacity) =>
        _cache = new LruCache<LogSegment, SafeFileHandle>(capacity, static (_, handle) => handle.Dispose(), ReferenceEqualityComparer.Instance);

    public int Count => _cache.Count;

    /// <summary>A leased read handle for the segment's log file.</summary>
    /// <exception cref="FileNotFoundException">The segment file is gone (deleted by retention).</exception>
    public HandleLease Rent(LogSegment segment)
    {
        HandleLease lease = default;
        if (_cache.TryGet(segment, out _, handle => lease = Acquire(handle)))
        {
            return lease;
        }

        var opened = File.OpenHandle(segment.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        _cache.AddOrGetExisting(segment, opened, handle => lease = Acquire(handle));
        if (segment.IsDeleted)
        {
            // Deleted while we opened it: do not keep the file (and its disk space) past this read.
            _cache.Remove(segment);
        }

        return lease;
    }

    public void Remove(LogSegment segment) => _cache.Remove(segment);

    public void Clear() => _cache.Clear();

    private static HandleLease Acquire(SafeFileHandle handle) =>
        HandleLease.TryAcquire(handle, out var lease) ? lease : throw new ObjectDisposedException(nameof(SafeFileHandle));
}
