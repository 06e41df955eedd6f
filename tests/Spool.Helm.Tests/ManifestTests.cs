using System.Text.Json.Nodes;
using Spool.Helm.Tests.Support;
using Spool.Operator.Reconcilers;

namespace Spool.Helm.Tests;

/// <summary>Properties every rendered object must have, for every values file.</summary>
public sealed class ManifestTests
{
    private static readonly string[] RequiredLabels =
    [
        "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/version",
        "app.kubernetes.io/managed-by", "app.kubernetes.io/part-of", "app.kubernetes.io/component", "helm.sh/chart",
    ];

    private static readonly HashSet<string> ClusterScopedKinds = ["ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "Namespace"];

    public static TheoryData<string> Scenarios => ChartScenario.Names();

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_object_carries_the_recommended_labels(string scenario)
    {
        var rendered = await ChartScenario.Named(scenario).RenderAsync();
        foreach (var manifest in rendered.Manifests)
        {
            manifest.Labels.Keys.Should().Contain(RequiredLabels, $"{manifest} needs the app.kubernetes.io labels");
            manifest.Labels["app.kubernetes.io/instance"].Should().Be(ChartScenario.Release, manifest.ToString());
            manifest.Labels["app.kubernetes.io/managed-by"].Should().Be("Helm", manifest.ToString());
            manifest.Labels["app.kubernetes.io/part-of"].Should().Be("spool", manifest.ToString());
        }
    }

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Namespaced_objects_name_their_namespace_and_names_are_valid(string scenario)
    {
        var rendered = await ChartScenario.Named(scenario).RenderAsync();
        foreach (var manifest in rendered.Manifests)
        {
            // Explicit namespaces make `helm template | kubectl apply -f -` land where helm install would.
            if (ClusterScopedKinds.Contains(manifest.Kind))
            {
                manifest.Namespace.Should().BeNull(manifest.ToString());
            }
            else
            {
                manifest.Namespace.Should().NotBeNullOrEmpty($"{manifest} is namespaced");
            }

            manifest.Name.Should().MatchRegex("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$", manifest.ToString());
            manifest.Name.Length.Should().BeLessThanOrEqualTo(63, manifest.ToString());
        }

        rendered.Manifests.GroupBy(m => (m.Kind, m.Namespace, m.Name)).Where(g => g.Count() > 1).Select(g => g.Key)
            .Should().BeEmpty("two objects of one kind cannot share a name");
    }

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Every_container_has_resources_and_a_restricted_security_context(string scenario)
    {
        var rendered = await ChartScenario.Named(scenario).RenderAsync();
        var workloads = rendered.Manifests.Where(m => m.PodSpec is not null).ToList();
        workloads.Should().NotBeEmpty();
        foreach (var workload in workloads)
        {
            var pod = workload.PodSpec!;
            var podSecurity = pod["securityContext"] as JsonObject ?? [];
            podSecurity["runAsNonRoot"]?.GetValue<bool>().Should().BeTrue($"{workload}: pod runAsNonRoot");
            pod["hostNetwork"]?.GetValue<bool>().Should().NotBe(true, workload.ToString());
            pod["hostPID"]?.GetValue<bool>().Should().NotBe(true, workload.ToString());
            workload.Containers.Should().NotBeEmpty();
            foreach (var container in workload.Containers)
            {
                var what = $"{workload}, container {container["name"]}";
                var requests = container["resources"]?["requests"] as JsonObject;
                requests.Should().NotBeNull($"{what} needs resource requests");
                requests!.Select(kv => kv.Key).Should().Contain(["cpu", "memory"], what);
                (container["resources"]?["limits"]?["memory"]).Should().NotBeNull($"{what} needs a memory limit");

                var security = container["securityContext"] as JsonObject;
                security.Should().NotBeNull($"{what} needs a securityContext");
                security!["runAsNonRoot"]?.GetValue<bool>().Should().BeTrue($"{what}: runAsNonRoot");
                security["readOnlyRootFilesystem"]?.GetValue<bool>().Should().BeTrue($"{what}: readOnlyRootFilesystem");
                security["allowPrivilegeEscalation"]?.GetValue<bool>().Should().BeFalse($"{what}: allowPrivilegeEscalation");
                (security["privileged"]?.GetValue<bool>() ?? false).Should().BeFalse(what);
                (security["capabilities"]?["drop"] as JsonArray ?? []).Select(c => c?.GetValue<string>()).Should().Contain("ALL", $"{what}: capabilities.drop");
                (security["capabilities"]?["add"] as JsonArray ?? []).Should().BeEmpty(what);
                (security["seccompProfile"]?["type"] ?? podSecurity["seccompProfile"]?["type"])?.GetValue<string>().Should().Be("RuntimeDefault", what);

                container["livenessProbe"].Should().NotBeNull($"{what} needs a liveness probe");
                container["readinessProbe"].Should().NotBeNull($"{what} needs a readiness probe");
                container["image"]!.GetValue<string>().Should().MatchRegex(@"^[^\s:@]+(:[\w][\w.-]*|@sha256:[a-f0-9]{64})$", $"{what}: image pinned by tag or digest");
            }
        }
    }

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Rbac_has_no_wildcards(string scenario)
    {
        var rendered = await ChartScenario.Named(scenario).RenderAsync();
        foreach (var role in rendered.Manifests.Where(m => m.Kind is "ClusterRole" or "Role"))
        {
            role.Object["aggregationRule"].Should().BeNull($"{role} aggregates other roles' permissions");
            foreach (var rule in (role.Object["rules"] as JsonArray ?? []).OfType<JsonObject>())
            {
                foreach (var field in new[] { "verbs", "resources", "apiGroups", "nonResourceURLs", "resourceNames" })
                {
                    var values = (rule[field] as JsonArray ?? []).Select(v => v?.GetValue<string>() ?? "").ToList();
                    values.Should().NotContain(v => v.Contains('*'), $"{role} grants a wildcard in {field}: {rule.ToJsonString()}");
                }

                var verbs = (rule["verbs"] as JsonArray ?? []).Select(v => v!.GetValue<string>()).ToList();
                verbs.Should().NotContain(["escalate", "bind", "impersonate"], role.ToString());
                (rule["resources"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Should().NotContain("secrets", "the operator never reads Secrets");
            }
        }
    }

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Selectors_match_the_pods_they_select(string scenario)
    {
        var rendered = await ChartScenario.Named(scenario).RenderAsync();
        var deployment = rendered.OfKind("Deployment").Single();
        var podLabels = Manifest.Strings(deployment.Object["spec"]!["template"]!["metadata"]!["labels"]);
        var selector = Manifest.Strings(deployment.Object["spec"]!["selector"]!["matchLabels"]);
        podLabels.Should().Contain(selector);
        selector.Keys.Should().NotContain(["app.kubernetes.io/version", "helm.sh/chart"], "a Deployment's selector is immutable: it must not change on upgrade");
        foreach (var service in rendered.OfKind("Service"))
        {
            podLabels.Should().Contain(Manifest.Strings(service.Object["spec"]!["selector"]), service.ToString());
        }

        foreach (var budget in rendered.OfKind("PodDisruptionBudget"))
        {
            Manifest.Strings(budget.Object["spec"]!["selector"]!["matchLabels"]).Should().Equal(selector, budget.ToString());
        }
    }

    [HelmTheory]
    [MemberData(nameof(Scenarios))]
    public async Task Operator_deployment_is_highly_available_and_probed_on_its_http_port(string scenario)
    {
        var spec = ChartScenario.Named(scenario);
        var rendered = await spec.RenderAsync();
        var deployment = rendered.Single("Deployment", "spool-operator");
        var replicas = deployment.Object["spec"]!["replicas"]!.GetValue<long>();
        var container = deployment.Containers.Single();
        var args = (container["args"] as JsonArray)!.Select(a => a!.GetValue<string>()).ToList();
        if (spec == ChartScenario.SingleOperator)
        {
            replicas.Should().Be(1);
            args.Should().Contain("--leader-elect=false");
            rendered.OfKind("PodDisruptionBudget").Should().BeEmpty("one replica cannot keep one available through a drain");
        }
        else
        {
            replicas.Should().Be(2);
            args.Should().Contain(["--leader-elect=true", "--leader-election-namespace=spool", "--leader-election-name=spool-operator"]);
            rendered.Single("PodDisruptionBudget", "spool-operator");
            var spread = (deployment.PodSpec!["topologySpreadConstraints"] as JsonArray)!.OfType<JsonObject>().ToList();
            spread.Select(s => s["topologyKey"]!.GetValue<string>()).Should().Contain("kubernetes.io/hostname");
        }

        var port = (container["ports"] as JsonArray)!.OfType<JsonObject>().Single();
        (port["name"]!.GetValue<string>(), port["containerPort"]!.GetValue<long>()).Should().Be(("http", 8080L));
        args.Should().Contain("--http-port=8080");
        container["livenessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/healthz");
        container["readinessProbe"]!["httpGet"]!["path"]!.GetValue<string>().Should().Be("/readyz");
        container["readinessProbe"]!["httpGet"]!["port"]!.GetValue<string>().Should().Be("http");
        (container["volumeMounts"] as JsonArray)!.OfType<JsonObject>().Select(m => m["mountPath"]!.GetValue<string>()).Should().Equal("/tmp");
    }

    [HelmFact]
    public async Task Images_come_from_the_values()
    {
        var defaults = await ChartScenario.Default.RenderAsync();
        var container = defaults.Single("Deployment", "spool-operator").Containers.Single();
        container["image"]!.GetValue<string>().Should().Be($"ghcr.io/spool-dev/spool-operator:{ChartFiles.AppVersion}");

        // The chart and the operator release together: the chart's default broker image is the operator's own default.
        container["args"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain($"--broker-image={OperatorSettings.DefaultBrokerImage}");

        var pinned = await ChartScenario.SingleOperator.RenderAsync();
        var deployment = pinned.Single("Deployment", "spool-operator");
        deployment.Containers.Single()["image"]!.GetValue<string>().Should().Be("ghcr.io/spool-dev/spool-operator@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
        deployment.Containers.Single()["args"]!.AsArray().Select(a => a!.GetValue<string>()).Should().Contain("--broker-image=registry.example.com/spool/spool-broker:0.1.0-rc.1");
        deployment.PodSpec!["serviceAccountName"]!.GetValue<string>().Should().Be("spool-operator-sa");
        deployment.PodSpec["imagePullSecrets"]![0]!["name"]!.GetValue<string>().Should().Be("registry-credentials");
        pinned.OfKind("ServiceAccount").Should().BeEmpty("serviceAccount.create is false");
    }
}
