namespace Spool.Cli.Tests.Infrastructure;

/// <summary>Tests that share <see cref="BrokerFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrokerCollection : ICollectionFixture<BrokerFixture>
{
    public const string Name = "broker";
}
