namespace Spool.Compat.Tests;

/// <summary>The scenario names each group script accepts (theory data).</summary>
public static class GroupScenarioNames
{
    /// <summary>js/groups.js: issue 3 section 5, scenarios 1, 2, 3, 5, 4 (replay through the client's admin API) and 8.</summary>
    public static TheoryData<string> JavaScript => ["two-groups", "split-and-leave", "killed-mid-batch", "key-order", "replay", "compaction"];

    /// <summary>
    /// python/group_scenarios.py: the scenarios that tests/Spool.Broker.Tests/Groups does not already run with
    /// confluent-kafka (that suite has two groups, split and leave, killed mid-batch and a restart without producer).
    /// </summary>
    public static TheoryData<string> Python => ["key-order", "replay", "compaction"];
}
