namespace Spool.Storage;

/// <summary>
/// Bounded resources shared by the logs of one <see cref="LogManager"/>: open read handles of inactive segments
/// and loaded indexes of inactive segments. An idle partition holds only its active segment's file handle.
/// </summary>
public sealed class StorageResources
{
    public const int DefaultMaxOpenSegmentHandles = 256;
    public const int DefaultMaxLoadedIndexes = 256;

    public StorageResources(int maxOpenSegmentHandles = DefaultMaxOpenSegmentHandles, int maxLoadedIndexes = DefaultMaxLoadedIndexes)
    {
        Handles = new FileHandleCache(maxOpenSegmentHandles);
        Indexes = new IndexCache(maxLoadedIndexes);
    }

    /// <summary>Read handles of inactive segments currently open.</summary>
    public int OpenSegmentHandles => Handles.Count;

    /// <summary>Indexes of inactive segments currently loaded.</summary>
    public int LoadedIndexes => Indexes.Count;

    internal FileHandleCache Handles { get; }

    internal IndexCache Indexes { get; }
}
