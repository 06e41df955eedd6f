namespace Spool.Protocol;

/// <summary>A message type that can be decoded at any of its versions.</summary>
public interface IKafkaMessage<TSelf> : IKafkaMessage
    where TSelf : IKafkaMessage<TSelf>
{
    static abstract short LowestVersion { get; }

    static abstract short HighestVersion { get; }

    /// <summary>The first flexible (tagged-field) version, or short.MaxValue when there is none.</summary>
    static abstract short FlexibleFrom { get; }

    static abstract TSelf Read(ref KafkaReader reader, short version);
}
