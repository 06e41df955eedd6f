namespace Spool.Storage;

/// <summary>A leader epoch and the first offset appended in it.</summary>
public readonly record struct EpochEntry(int Epoch, long StartOffset);
