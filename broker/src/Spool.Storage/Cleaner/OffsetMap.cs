namespace Spool.Storage;

/// <summary>
/// Key digest to the offset of the key's latest record in the dirty section of a log (Kafka's SkimpyOffsetMap),
/// bounded by <c>log.cleaner.dedupe.buffer.size</c>: when full, the cleaner cleans up to where the map reaches and
/// the rest waits for the next pass.
/// </summary>
internal sealed class OffsetMap
{
    /// <summary>Approximate bytes per entry of the dictionary (digest, offset, hash code, chain and bucket).</summary>
    public const int BytesPerEntry = 40;

    private readonly Dictionary<KeyHash, long> _offsets = [];

    public OffsetMap(long memoryBytes) => Capacity = (int)Math.Clamp(memoryBytes / BytesPerEntry, 1, int.MaxValue / 2);

    public int Capacity { get; }

    public int Count => _offsets.Count;

    /// <summary>The last offset of the last batch mapped, -1 before any.</summary>
    public long LatestOffset { get; set; } = -1;

    public void Put(in KeyHash key, long offset) => _offsets[key] = offset;

    /// <summary>The latest offset of the key in the mapped range, -1 when the key does not occur there.</summary>
    public long Get(in KeyHash key) => _offsets.TryGetValue(key, out var offset) ? offset : -1;

    /// <summary>Whether <paramref name="records"/> more keys might not fit.</summary>
    public bool WouldOverflow(int records) => (long)_offsets.Count + records > Capacity;
}
