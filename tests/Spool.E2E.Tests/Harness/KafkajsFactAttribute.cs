namespace Spool.E2E.Tests.Harness;

/// <summary>A scenario with a kafkajs consumer: skipped, with the reason, where kafkajs or node is missing.</summary>
public sealed class KafkajsFactAttribute : FactAttribute
{
    public KafkajsFactAttribute()
    {
        Skip = Kafkajs.MissingReason;
    }
}
