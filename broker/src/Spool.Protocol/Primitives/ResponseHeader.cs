namespace Spool.Protocol;

/// <summary>Response header v0 (correlation id) and v1 (plus tagged fields).</summary>
public static class ResponseHeader
{
    public static void Write(KafkaWriter writer, int correlationId, short headerVersion)
    {
        writer.WriteInt32(correlationId);
        if (headerVersion >= 1)
        {
            writer.WriteUVarint(0);
        }
    }

    public static int Read(ref KafkaReader reader, short headerVersion)
    {
        var correlationId = reader.ReadInt32();
        if (headerVersion >= 1)
        {
            RequestHeader.SkipTaggedFields(ref reader);
        }

        return correlationId;
    }
}
