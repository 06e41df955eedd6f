using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;

// An extension of the shared harness (a partial of SpoolEnvironment) kept with the chart scenarios: the operator's
// identity and permissions come from the chart's rendered objects instead of SpoolEnvironmentOptions' rules.
namespace Spool.E2E.Tests.Harness;

public sealed partial class SpoolEnvironment
{
    private static readonly HashSet<string> RbacKinds = ["ServiceAccount", "ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"];

    /// <summary>
    /// Creates the chart's ServiceAccount, roles and bindings (as rendered, with the admin client), then makes the
    /// operator authenticate as that ServiceAccount with RBAC enforced. Start the environment with
    /// <see cref="SpoolEnvironmentOptions.ClusterRules"/> null, so the harness installs no rules of its own.
    /// </summary>
    public async Task InstallRenderedRbacAsync(IEnumerable<JsonObject> rendered, string serviceAccountNamespace, string serviceAccount)
    {
        if (Options.ClusterRules is not null)
        {
            throw new InvalidOperationException("start the environment with ClusterRules = null: the chart brings the operator's rules");
        }

        foreach (var obj in rendered.Where(o => RbacKinds.Contains(o["kind"]?.GetValue<string>() ?? "")))
        {
            var kind = obj["kind"]!.GetValue<string>();
            var type = kind == "ServiceAccount"
                ? ServiceAccounts
                : kind switch { "ClusterRole" => ClusterRoles, "ClusterRoleBinding" => ClusterRoleBindings, "Role" => Roles, _ => RoleBindings };
            await Client.Resource<JsonObject>(type).CreateAsync((JsonObject)obj.DeepClone());
        }

        OperatorToken = Api.MintServiceAccountToken(serviceAccountNamespace, serviceAccount);
        Api.RbacEnabled = true;
    }

    /// <summary>A namespace of the emulated cluster (the chart creates Roles in every watched namespace, which must exist).</summary>
    public Task CreateNamespaceAsync(string name) =>
        Client.Resource<JsonObject>(new ResourceType("", "v1", "namespaces", "Namespace", Namespaced: false))
            .CreateAsync(new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
}
