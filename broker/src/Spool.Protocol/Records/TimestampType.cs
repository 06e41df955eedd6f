namespace Spool.Protocol.Records;

/// <summary>Bit 3 of a record batch's attributes (wire values).</summary>
public enum TimestampType : byte
{
    CreateTime = 0,
    LogAppendTime = 1,
}
