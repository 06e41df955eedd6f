using Spool.Broker;
using Spool.Broker.Configuration;

BrokerConfig config;
try
{
    config = ConfigLoader.Load(args, ConfigLoader.ProcessEnvironment());
}
catch (BrokerConfigException e)
{
    await Console.Error.WriteLineAsync($"spool-broker: {e.Message}");
    return 2;
}

await using var app = await BrokerHost.StartAsync(config);
await app.WaitForShutdownAsync();
return 0;
