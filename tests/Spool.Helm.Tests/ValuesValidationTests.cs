using Spool.Helm.Tests.Support;

namespace Spool.Helm.Tests;

/// <summary>
/// Bad values fail the install before anything reaches the cluster, with a message that names the value: the
/// schema for single values (values.schema.json), the templates' own checks for combinations.
/// </summary>
public sealed class ValuesValidationTests
{
    public static TheoryData<string, string, string> SchemaViolations => new()
    {
        // --set argument, the value path the message must name, a word of the reason Helm 4 gives
        { "operator.replicas=0", "operator.replicas", "minimum" },
        { "operator.replica=3", "operator", "replica" },
        { "operator.httpPort=80", "operator.httpPort", "minimum" },
        { "operator.logLevel=Verbose", "operator.logLevel", "Information" },
        { "operator.watchNamespaces[0]=Team_A", "operator.watchNamespaces.0", "pattern" },
        { "operator.leaderElection.leaseDuration=soon", "operator.leaderElection.leaseDuration", "pattern" },
        { "operator.image.digest=latest", "operator.image.digest", "pattern" },
        { "cluster.replicas=100", "cluster.replicas", "maximum" },
        { "cluster.name=9lives", "cluster.name", "pattern" },
        { "cluster.storage.onDelete=Forever", "cluster.storage.onDelete", "Keep" },
        { "cluster.storage.size=lots", "cluster.storage.size", "pattern" },
        { "cluster.listener.serviceType=Ingress", "cluster.listener.serviceType", "LoadBalancer" },
        { "cluster.metrics.scrapeIntervall=10s", "cluster.metrics", "scrapeIntervall" },
        { "monitoring.dashboard.enabled=yes", "monitoring.dashboard.enabled", "boolean" },
    };

    public static TheoryData<string[], string> CombinationViolations => new()
    {
        { ["operator.leaderElection.enabled=false"], "several operators without a leader" },
        { ["cluster.enabled=true", "operator.watchNamespaces[0]=apps"], "Add \"spool\" to operator.watchNamespaces" },
        { ["operator.serviceAccount.create=false"], "operator.serviceAccount.name is required" },
    };

    [HelmTheory]
    [MemberData(nameof(SchemaViolations))]
    public async Task Schema_rejects_a_bad_value_and_names_it(string set, string path, string reason)
    {
        foreach (var helm in HelmBinary.All)
        {
            var result = await ChartScenario.Default.TemplateAsync(helm, "--set", set);
            result.Succeeded.Should().BeFalse($"{set} must be rejected\n{result}");
            result.Error.Should().Contain("values don't meet the specifications of the schema", result.ToString());

            // Helm 4 writes the path as /operator/replicas, Helm 3 as operator.replicas.
            result.Error.Replace('/', '.').Should().Contain(path, result.ToString());
            if (helm == HelmBinary.Helm4)
            {
                result.Error.Should().Contain(reason, result.ToString());
            }
        }
    }

    [HelmTheory]
    [MemberData(nameof(CombinationViolations))]
    public async Task Templates_reject_contradicting_values_with_the_reason(string[] sets, string message)
    {
        foreach (var helm in HelmBinary.All)
        {
            var result = await ChartScenario.Default.TemplateAsync(helm, [.. sets.SelectMany(s => new[] { "--set", s })]);
            result.Succeeded.Should().BeFalse($"{string.Join(' ', sets)} must be rejected\n{result}");
            result.Error.Should().Contain(message, result.ToString());
        }
    }

    [HelmFact]
    public async Task A_cluster_named_after_a_long_release_needs_its_own_name()
    {
        const string release = "spool-release-with-a-name-longer-than-45-chars";
        var result = await HelmRunner.RunAsync(HelmBinary.Helm4, "template", release, HelmRunner.ChartDirectory, "--namespace", "spool", "--set", "cluster.enabled=true");
        result.Succeeded.Should().BeFalse(result.ToString());
        result.Error.Should().Contain("longer than 45 characters").And.Contain("set cluster.name");

        var named = await HelmRunner.RunAsync(HelmBinary.Helm4, "template", release, HelmRunner.ChartDirectory, "--namespace", "spool", "--set", "cluster.enabled=true", "--set", "cluster.name=events");
        named.Succeeded.Should().BeTrue(named.ToString());
    }

    [HelmFact]
    public async Task Broker_config_values_reach_the_cluster_as_kafka_strings()
    {
        var rendered = await ChartScenario.ThreeBrokers.RenderAsync();
        var cluster = rendered.Single("Cluster", "events");
        Manifest.Strings(cluster.Object["spec"]!["config"]).Should().Equal(new Dictionary<string, string>
        {
            ["auto.create.topics.enable"] = "false",
            ["default.replication.factor"] = "3",
            ["log.cleaner.min.cleanable.ratio"] = "0.5",

            // Helm reads YAML numbers as floats: 604800000 must not become 6.048e+08.
            ["log.retention.ms"] = "604800000",
            ["min.insync.replicas"] = "2",
            ["num.partitions"] = "6",
        });
        cluster.Object["spec"]!["config"]!.AsObject().Select(kv => kv.Value!.GetValueKind()).Should().OnlyContain(k => k == System.Text.Json.JsonValueKind.String);
    }
}
