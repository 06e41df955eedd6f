namespace Spool.Protocol;

/// <summary>
/// Request header v1 (api key, version, correlation id, client id) and v2 (plus tagged fields). The
/// client id stays a classic nullable string even in v2.
/// </summary>
public sealed class RequestHeader
{
    public ApiKey ApiKey { get; set; }

    public short ApiVersion { get; set; }

    public int CorrelationId { get; set; }

    public string? ClientId { get; set; }

    /// <summary>The header version: 2 when the API version is flexible, else 1.</summary>
    public short HeaderVersion { get; set; } = 1;

    public void Write(KafkaWriter writer)
    {
        writer.WriteInt16((short)ApiKey);
        writer.WriteInt16(ApiVersion);
        writer.WriteInt32(CorrelationId);
        writer.WriteNullableString(ClientId, compact: false);
        if (HeaderVersion >= 2)
        {
            writer.WriteUVarint(0);
        }
    }

    /// <summary>Reads the fixed prefix that every request header version shares (key, version, correlation id).</summary>
    public static (ApiKey Key, short Version, int CorrelationId) PeekPrefix(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 8)
        {
            throw new KafkaProtocolException("request header is truncated");
        }

        return (
            (ApiKey)System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(frame),
            System.Buffers.Binary.BinaryPrimitives.ReadInt16BigEndian(frame[2..]),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(frame[4..]));
    }

    public static RequestHeader Read(ref KafkaReader reader, short headerVersion)
    {
        var header = new RequestHeader
        {
            ApiKey = (ApiKey)reader.ReadInt16(),
            ApiVersion = reader.ReadInt16(),
            CorrelationId = reader.ReadInt32(),
            ClientId = reader.ReadNullableString(compact: false),
            HeaderVersion = headerVersion,
        };
        if (headerVersion >= 2)
        {
            SkipTaggedFields(ref reader);
        }

        return header;
    }

    internal static void SkipTaggedFields(ref KafkaReader reader)
    {
        var count = reader.ReadUVarint();
        for (uint i = 0; i < count; i++)
        {
            reader.ReadUVarint();
            reader.Skip(reader.ReadLength());
        }
    }
}
