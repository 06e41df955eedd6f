namespace Spool.Compat.Tests;

/// <summary>
/// Issue 3's group scenarios with confluent-kafka for Python (librdkafka) that tests/Spool.Broker.Tests/Groups does
/// not run already (tests/compat/python/groups.py).
/// </summary>
public sealed class ConfluentKafkaGroupTests
{
    [ClientTheory(CompatClient.ConfluentKafkaPython)]
    [MemberData(nameof(GroupScenarioNames.Python), MemberType = typeof(GroupScenarioNames))]
    public async Task ScenarioPasses(string scenario)
    {
        var summary = await GroupRun.ScenarioAsync(CompatClient.ConfluentKafkaPython, scenario);
        GroupSummaries.Verify(scenario, summary);
        if (scenario == "replay")
        {
            summary.GetProperty("refused_while_active").GetString().Should().Contain("UNKNOWN_MEMBER_ID");
        }
    }

    [ClientTheory(CompatClient.ConfluentKafkaPython)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GroupAndIdempotentProducerSurviveABrokerRestart(bool clean) =>
        GroupSummaries.VerifyRestart(await GroupRun.RestartAsync(CompatClient.ConfluentKafkaPython, clean));
}
