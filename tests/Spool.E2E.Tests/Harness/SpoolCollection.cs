namespace Spool.E2E.Tests.Harness;

/// <summary>The scenarios share one environment and run one at a time (they restart operators and brokers).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SpoolCollection : ICollectionFixture<SpoolFixture>
{
    public const string Name = "spool";
}
