using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.E2E.Tests.Harness;

/// <summary>The operator's identity: a ServiceAccount bound to the rules under test, with RBAC enforced by the emulator.</summary>
public sealed partial class SpoolEnvironment
{
    private static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", Namespaced: false);
    private static readonly ResourceType ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", Namespaced: false);
    private static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role", Namespaced: true);
    private static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", Namespaced: true);
    private static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount", Namespaced: true);

    /// <summary>The user the operator authenticates as (for reading the emulator's request log).</summary>
    public string OperatorUser => Options.ClusterRules is null ? "admin" : $"system:serviceaccount:{Options.OperatorNamespace}:{Options.ServiceAccount}";

    private string OperatorToken { get; set; } = "";

    private async Task InstallRbacAsync()
    {
        if (Options.ClusterRules is not { } clusterRules)
        {
            OperatorToken = Api.AdminToken;
            return;
        }

        var ns = Options.OperatorNamespace;
        var account = Options.ServiceAccount;
        await Client.Resource<JsonObject>(ServiceAccounts).CreateAsync(new JsonObject { ["metadata"] = new JsonObject { ["name"] = account, ["namespace"] = ns } });
        var subject = new JsonObject { ["kind"] = "ServiceAccount", ["name"] = account, ["namespace"] = ns };
        await Client.Resource<JsonObject>(ClusterRoles).CreateAsync(new JsonObject { ["metadata"] = new JsonObject { ["name"] = account }, ["rules"] = Rules(clusterRules) });
        await Client.Resource<JsonObject>(ClusterRoleBindings).CreateAsync(new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = account },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = account },
            ["subjects"] = new JsonArray(subject.DeepClone()),
        });
        if (Options.LeaseRules is { } leaseRules)
        {
            await Client.Resource<JsonObject>(Roles).CreateAsync(new JsonObject { ["metadata"] = new JsonObject { ["name"] = account + "-leader-election", ["namespace"] = ns }, ["rules"] = Rules(leaseRules) });
            await Client.Resource<JsonObject>(RoleBindings).CreateAsync(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = account + "-leader-election", ["namespace"] = ns },
                ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = account + "-leader-election" },
                ["subjects"] = new JsonArray(subject.DeepClone()),
            });
        }

        OperatorToken = Api.MintServiceAccountToken(ns, account);
        Api.RbacEnabled = true;
    }

    private static JsonArray Rules(IReadOnlyList<PolicyRule> rules) =>
        JsonSerializer.SerializeToNode([.. rules], KubernetesJsonContext.Default.ListPolicyRule)!.AsArray();
}
