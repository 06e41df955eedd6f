namespace Spool.Compat.Tests;

/// <summary>Issue 3's group scenarios with kafkajs 2.2.4's own group consumer, producer and admin API (tests/compat/js/groups.js).</summary>
public sealed class KafkajsGroupTests
{
    [ClientTheory(CompatClient.Kafkajs)]
    [MemberData(nameof(GroupScenarioNames.JavaScript), MemberType = typeof(GroupScenarioNames))]
    public async Task ScenarioPasses(string scenario) =>
        GroupSummaries.Verify(scenario, await GroupRun.ScenarioAsync(CompatClient.Kafkajs, scenario));

    [ClientTheory(CompatClient.Kafkajs)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GroupAndIdempotentProducerSurviveABrokerRestart(bool clean) =>
        GroupSummaries.VerifyRestart(await GroupRun.RestartAsync(CompatClient.Kafkajs, clean));
}
