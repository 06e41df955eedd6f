namespace Spool.Compat.Tests;

/// <summary>Issue 3's group scenarios with @platformatic/kafka's own group consumer, producer and admin API (tests/compat/js/groups.js).</summary>
public sealed class PlatformaticGroupTests
{
    [ClientTheory(CompatClient.PlatformaticKafka)]
    [MemberData(nameof(GroupScenarioNames.JavaScript), MemberType = typeof(GroupScenarioNames))]
    public async Task ScenarioPasses(string scenario)
    {
        var summary = await GroupRun.ScenarioAsync(CompatClient.PlatformaticKafka, scenario);
        GroupSummaries.Verify(scenario, summary);
        if (scenario == "replay")
        {
            // Its admin commits group-less (generation -1), so the refusal is the broker's own, as in Kafka.
            summary.GetProperty("refused_while_active").GetString().Should().Contain("error codes: 25", "UNKNOWN_MEMBER_ID");
        }
    }

    [ClientTheory(CompatClient.PlatformaticKafka)]
    [InlineData(true)]
    [InlineData(false)]
    public async Task GroupAndIdempotentProducerSurviveABrokerRestart(bool clean) =>
        GroupSummaries.VerifyRestart(await GroupRun.RestartAsync(CompatClient.PlatformaticKafka, clean));
}
