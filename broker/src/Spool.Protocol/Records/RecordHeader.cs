using System.Diagnostics.CodeAnalysis;

namespace Spool.Protocol.Records;

/// <summary>One record header: a UTF-8 key and a value that may be null (distinct from empty).</summary>
public readonly struct RecordHeader : IEquatable<RecordHeader>
{
    public RecordHeader(string key, byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        Key = key;
        Value = value;
    }

    public string Key { get; }

    /// <summary>The header's bytes, or null. Arrays because that is what clients hand over; small and copied on read.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Header values are small byte strings owned by the header.")]
    public byte[]? Value { get; }

    public static bool operator ==(RecordHeader left, RecordHeader right) => left.Equals(right);

    public static bool operator !=(RecordHeader left, RecordHeader right) => !left.Equals(right);

    /// <summary>Compares keys and value bytes (not value references).</summary>
    public bool Equals(RecordHeader other) =>
        string.Equals(Key, other.Key, StringComparison.Ordinal)
        && (Value is null ? other.Value is null : other.Value is not null && Value.AsSpan().SequenceEqual(other.Value));

    public override bool Equals(object? obj) => obj is RecordHeader other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Key, Value?.Length ?? -1);

    public override string ToString() => Value is null ? $"{Key}=null" : $"{Key}=[{Value.Length} bytes]";
}
