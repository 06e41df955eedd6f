using Spool.Testing;

namespace Spool.Cli.Tests.Infrastructure;

/// <summary>
/// One broker for every test of the "broker" collection (each test uses its own topic and group names). Groups
/// settle fast: a short initial rebalance delay, and short sessions allowed for the third-party consumers.
/// </summary>
public sealed class BrokerFixture : IAsyncLifetime
{
    private BrokerProcess? _broker;

    public BrokerProcess Broker => _broker ?? throw new InvalidOperationException("the broker has not started");

    public string Bootstrap => Broker.BootstrapServers;

    public CliRunner Cli => new(Bootstrap);

    public async Task InitializeAsync() =>
        _broker = await BrokerProcess.StartAsync(new Dictionary<string, string>
        {
            ["group.initial.rebalance.delay.ms"] = "100",
            ["group.min.session.timeout.ms"] = "1000",
        });

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }
}
