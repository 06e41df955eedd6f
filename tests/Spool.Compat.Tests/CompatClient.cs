namespace Spool.Compat.Tests;

/// <summary>The third-party clients of the compat suite (each needs its own runtime on the machine).</summary>
public enum CompatClient
{
    Kcat = 0,
    ConfluentKafkaPython = 1,
    Kafkajs = 2,
    PlatformaticKafka = 3,
}
