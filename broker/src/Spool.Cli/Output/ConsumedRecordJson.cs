namespace Spool.Cli.Output;

/// <summary>
/// One line of <c>spool consume --output json</c>. Key and value are UTF-8 text, or base64 when their encoding
/// field says "base64" (bytes that are not valid UTF-8); null stays null. <c>spool produce --format json</c>
/// reads the same shape back.
/// </summary>
public sealed record ConsumedRecordJson(
    string Topic,
    int Partition,
    long Offset,
    long Timestamp,
    string TimestampType,
    string? Key,
    string KeyEncoding,
    string? Value,
    string ValueEncoding,
    IReadOnlyList<HeaderJson> Headers);
