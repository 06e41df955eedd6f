namespace Spool.Operator.Builders;

/// <summary>The broker's container ports (ARCHITECTURE.md contracts: Kafka on 9092, HTTP on 9644).</summary>
public static class BrokerPorts
{
    public const int Kafka = 9092;

    /// <summary>The KRaft controller listener the quorum voters use.</summary>
    public const int Controller = 9093;

    public const int Http = 9644;

    public const string KafkaName = "kafka";

    public const string ControllerName = "controller";

    public const string HttpName = "http";
}
