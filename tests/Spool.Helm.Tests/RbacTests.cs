using System.Text.Json.Nodes;
using Spool.Helm.Tests.Support;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Hosting;

namespace Spool.Helm.Tests;

/// <summary>
/// The chart grants exactly what operator/src/Spool.Operator/Hosting/OperatorRbac.cs declares (which the operator's
/// e2e suite checks against every call the operator makes, and the chart e2e tests enforce through the emulator),
/// in the right places: a ClusterRole, or a Role per watched namespace, and the Lease Role in the release namespace.
/// </summary>
public sealed class RbacTests
{
    private const string Account = "spool-operator";
    private const string Lease = "spool-operator";

    private static SortedSet<string> Declared => Permissions.Flatten(OperatorRbac.Rules);

    /// <summary>Non-resource URLs can only be granted cluster-wide; discovery is open to every authenticated user anyway.</summary>
    private static SortedSet<string> DeclaredResourceRules => Permissions.Flatten(OperatorRbac.Rules.Where(r => r.NonResourceUrls is not { Count: > 0 }));

    [HelmFact]
    public async Task Cluster_wide_install_grants_the_declared_rules_in_a_cluster_role()
    {
        var rendered = await ChartScenario.Default.RenderAsync();
        var role = rendered.Single("ClusterRole", Account);
        Permissions.Flatten(Permissions.Rules(role)).Should().BeEquivalentTo(Declared, "the ClusterRole must grant what OperatorRbac.Rules declares, nothing more");
        AssertBinding(rendered.Single("ClusterRoleBinding", Account), "ClusterRole", Account);
        rendered.OfKind("Role").Select(r => r.Name).Should().Equal($"{Account}-leader-election");
    }

    [HelmFact]
    public async Task Namespace_scoped_install_grants_the_declared_rules_per_namespace_and_nothing_cluster_wide()
    {
        var rendered = await ChartScenario.NamespaceScoped.RenderAsync();
        rendered.OfKind("ClusterRole").Should().BeEmpty();
        rendered.OfKind("ClusterRoleBinding").Should().BeEmpty();
        foreach (var ns in new[] { "spool", "apps" })
        {
            var role = rendered.Manifests.Single(m => m.Kind == "Role" && m.Name == Account && m.Namespace == ns);
            Permissions.Flatten(Permissions.Rules(role)).Should().BeEquivalentTo(DeclaredResourceRules, $"the Role in {ns}");
            AssertBinding(rendered.Manifests.Single(m => m.Kind == "RoleBinding" && m.Name == Account && m.Namespace == ns), "Role", Account);
        }

        rendered.Manifests.Where(m => m.Kind is "Role" or "RoleBinding").Select(m => m.Namespace).Distinct()
            .Should().BeEquivalentTo(["spool", "apps"]);
        rendered.Single("Deployment", "spool-operator").Containers.Single()["args"]!.AsArray().Select(a => a!.GetValue<string>())
            .Should().Contain("--watch-namespaces=spool,apps");
    }

    [HelmTheory]
    [InlineData("default")]
    [InlineData("namespace-scoped")]
    public async Task Lease_role_allows_the_declared_lease_calls_on_the_operators_lease_only(string scenario)
    {
        var rendered = await ChartScenario.Named(scenario).RenderAsync();
        var role = rendered.Manifests.Single(m => m.Kind == "Role" && m.Name == $"{Account}-leader-election");
        role.Namespace.Should().Be(ChartScenario.Namespace, "the Lease lives in the release namespace (--leader-election-namespace)");
        AssertBinding(rendered.Manifests.Single(m => m.Kind == "RoleBinding" && m.Name == $"{Account}-leader-election"), "Role", role.Name);
        var rules = Permissions.Rules(role);
        foreach (var declared in OperatorRbac.LeaseRules)
        {
            foreach (var verb in declared.Verbs!)
            {
                // A create is authorized before the object has a name, so it carries none.
                var call = new KubernetesCall(verb, declared.ApiGroups![0], "leases", null, ChartScenario.Namespace, verb == "create" ? null : Lease);
                PolicyRule.Allow(rules, call).Should().BeTrue($"{call} is how the operator elects its leader");
                if (verb != "create")
                {
                    PolicyRule.Allow(rules, call with { Name = "someone-elses-lease" }).Should().BeFalse($"{verb} is limited to the operator's Lease");
                }
            }
        }

        Permissions.Flatten(rules).Select(p => p.Split('[')[0]).Distinct()
            .Should().BeSubsetOf(Permissions.Flatten(OperatorRbac.LeaseRules), "the Lease Role grants nothing the operator does not declare");
    }

    [HelmFact]
    public async Task Without_leader_election_there_is_no_lease_role()
    {
        var rendered = await ChartScenario.SingleOperator.RenderAsync();
        rendered.OfKind("Role").Should().BeEmpty();
        AssertBinding(rendered.Single("ClusterRoleBinding", Account), "ClusterRole", Account, "spool-operator-sa");
    }

    [HelmFact]
    public async Task Rbac_can_be_left_to_the_user()
    {
        var result = await ChartScenario.Default.TemplateAsync(HelmBinary.Helm4, "--set", "operator.rbac.create=false");
        result.Succeeded.Should().BeTrue(result.ToString());
        RenderedChart.Parse(result.Output).Manifests.Where(m => m.Group == "rbac.authorization.k8s.io").Should().BeEmpty();
    }

    private static void AssertBinding(Manifest binding, string roleKind, string roleName, string account = Account)
    {
        binding.Object["roleRef"]!["kind"]!.GetValue<string>().Should().Be(roleKind, binding.ToString());
        binding.Object["roleRef"]!["name"]!.GetValue<string>().Should().Be(roleName, binding.ToString());
        binding.Object["roleRef"]!["apiGroup"]!.GetValue<string>().Should().Be("rbac.authorization.k8s.io");
        var subject = binding.Object["subjects"]!.AsArray().Single()!.AsObject();
        JsonNode.DeepEquals(subject, new JsonObject { ["kind"] = "ServiceAccount", ["name"] = account, ["namespace"] = ChartScenario.Namespace })
            .Should().BeTrue($"{binding} binds the operator's ServiceAccount, not {subject.ToJsonString()}");
    }
}
