namespace Spool.Protocol.Records;

/// <summary>Where one record's parts lie in a records buffer (offsets into it; lengths of -1 mean null).</summary>
internal readonly struct ParsedRecord
{
    public long TimestampDelta { get; init; }

    public int OffsetDelta { get; init; }

    public int KeyOffset { get; init; }

    public int KeyLength { get; init; }

    public int ValueOffset { get; init; }

    public int ValueLength { get; init; }

    public int HeadersOffset { get; init; }

    public int HeaderCount { get; init; }
}
