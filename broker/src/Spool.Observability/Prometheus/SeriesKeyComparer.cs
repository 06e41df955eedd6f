namespace Spool.Observability.Prometheus;

/// <summary>
/// Compares stored label sets with the tag span of a recording, so that the hot path finds its series without
/// allocating a key (ConcurrentDictionary's alternate lookup). Tags match by position: every call site of an
/// instrument passes its tags in one order.
/// </summary>
internal sealed class SeriesKeyComparer :
    IEqualityComparer<SeriesKey>,
    IAlternateEqualityComparer<ReadOnlySpan<KeyValuePair<string, object?>>, SeriesKey>
{
    public static readonly SeriesKeyComparer Instance = new();

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = default(HashCode);
        foreach (var tag in tags)
        {
            hash.Add(tag.Key);
            hash.Add(tag.Value);
        }

        return hash.ToHashCode();
    }

    public bool Equals(SeriesKey? x, SeriesKey? y)
    {
        if (ReferenceEquals(x, y))
        {
            return true;
        }

        if (x is null || y is null || x.Hash != y.Hash || x.Names.Length != y.Names.Length)
        {
            return false;
        }

        for (var i = 0; i < x.Names.Length; i++)
        {
            if (!string.Equals(x.Names[i], y.Names[i], StringComparison.Ordinal) || !Equals(x.Values[i], y.Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(SeriesKey obj) => obj.Hash;

    public bool Equals(ReadOnlySpan<KeyValuePair<string, object?>> alternate, SeriesKey other)
    {
        if (alternate.Length != other.Names.Length)
        {
            return false;
        }

        for (var i = 0; i < alternate.Length; i++)
        {
            if (!string.Equals(alternate[i].Key, other.Names[i], StringComparison.Ordinal) || !Equals(alternate[i].Value, other.Values[i]))
            {
                return false;
            }
        }

        return true;
    }

    public int GetHashCode(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => HashOf(alternate);

    public SeriesKey Create(ReadOnlySpan<KeyValuePair<string, object?>> alternate) => new(alternate);
}
