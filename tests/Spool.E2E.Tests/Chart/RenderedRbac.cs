using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.E2E.Tests.Chart;

/// <summary>
/// The chart's rendered roles and bindings as the RBAC authorizer reads them for one ServiceAccount: ClusterRoles
/// bound cluster-wide apply everywhere, roles bound by a RoleBinding apply in that binding's namespace.
/// </summary>
public sealed class RenderedRbac
{
    /// <summary>Kubernetes' default system:discovery role lets every authenticated user read API discovery.</summary>
    private static readonly string[] DiscoveryPrefixes = ["/api", "/apis"];

    private readonly List<(string? Namespace, PolicyRule Rule)> _grants = [];

    public RenderedRbac(IReadOnlyList<JsonObject> rendered, string serviceAccountNamespace, string serviceAccount)
    {
        JsonObject? Role(string kind, string name, string? ns) => rendered.SingleOrDefault(o =>
            Str(o, "kind") == kind && Str(o["metadata"], "name") == name && (kind == "ClusterRole" || Str(o["metadata"], "namespace") == ns));

        foreach (var binding in rendered.Where(o => Str(o, "kind") is "ClusterRoleBinding" or "RoleBinding"))
        {
            var subjects = binding["subjects"]?.AsArray().OfType<JsonObject>() ?? [];
            if (!subjects.Any(s => Str(s, "kind") == "ServiceAccount" && Str(s, "name") == serviceAccount && Str(s, "namespace") == serviceAccountNamespace))
            {
                continue;
            }

            var scope = Str(binding, "kind") == "RoleBinding" ? Str(binding["metadata"], "namespace") : null;
            var role = Role(Str(binding["roleRef"], "kind")!, Str(binding["roleRef"], "name")!, scope)
                ?? throw new InvalidOperationException($"{Str(binding["metadata"], "name")} refers to a role the chart does not render");
            foreach (var rule in JsonSerializer.Deserialize(role["rules"]!.ToJsonString(), KubernetesJsonContext.Default.ListPolicyRule)!)
            {
                _grants.Add((scope, rule));
            }
        }
    }

    /// <summary>Whether the ServiceAccount may make the call (discovery is open to everyone, as in Kubernetes).</summary>
    public bool Allows(KubernetesCall call)
    {
        if (call.NonResourcePath is { } path && DiscoveryPrefixes.Any(p => path == p || path.StartsWith(p + "/", StringComparison.Ordinal)))
        {
            return true;
        }

        var rules = _grants.Where(g => g.Namespace is null || g.Namespace == call.Namespace).Select(g => g.Rule).ToList();
        return PolicyRule.Allow(rules, call);
    }

    /// <summary>"verb group/resource" of every resource permission granted (names ignored), for comparing with the calls made.</summary>
    public SortedSet<string> Granted()
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (_, rule) in _grants)
        {
            foreach (var verb in rule.Verbs ?? [])
            {
                foreach (var group in rule.ApiGroups ?? [])
                {
                    foreach (var resource in rule.Resources ?? [])
                    {
                        result.Add(Key(verb, group, resource));
                    }
                }
            }
        }

        return result;
    }

    public static string Key(string verb, string group, string resource) => $"{verb} {(group.Length == 0 ? "core" : group)}/{resource}";

    private static string? Str(JsonNode? node, string name) => node?[name]?.GetValue<string>();
}
