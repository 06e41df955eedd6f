namespace Spool.Protocol.Records;

/// <summary>The compression codec in bits 0-2 of a record batch's attributes (wire values).</summary>
public enum CompressionType : byte
{
    None = 0,
    Gzip = 1,
    Snappy = 2,
    Lz4 = 3,
    Zstd = 4,
}
