using Spool.Broker.Configuration;
using Spool.Testing;

namespace Spool.Broker.Tests.Configuration;

/// <summary>docs/configuration.md is the reference: every broker key must be in it.</summary>
public class ConfigurationDocsTests
{
    [Fact]
    public void Every_broker_key_is_documented()
    {
        var docs = File.ReadAllText(RepoPaths.Combine("docs", "configuration.md"));
        var missing = BrokerConfigKeys.All.Where(k => !docs.Contains($"`{k.Name}`", StringComparison.Ordinal)).Select(k => k.Name).ToList();
        missing.Should().BeEmpty("docs/configuration.md documents every broker key");
    }
}
