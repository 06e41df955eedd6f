namespace Spool.Protocol;

/// <summary>A message that encodes itself at a given version.</summary>
public interface IKafkaMessage
{
    void Write(KafkaWriter writer, short version);
}
