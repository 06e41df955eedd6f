using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Helm.Tests.Support;

/// <summary>RBAC rules flattened to single permissions, so two rule lists can be compared however they are grouped.</summary>
public static class Permissions
{
    /// <summary>"verb group/resource" for resource rules (with "[name]" when limited to names), "verb path" for URLs.</summary>
    public static SortedSet<string> Flatten(IEnumerable<PolicyRule> rules)
    {
        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var rule in rules)
        {
            foreach (var verb in rule.Verbs ?? [])
            {
                foreach (var path in rule.NonResourceUrls ?? [])
                {
                    result.Add($"{verb} {path}");
                }

                foreach (var group in rule.ApiGroups ?? [])
                {
                    foreach (var resource in rule.Resources ?? [])
                    {
                        var names = rule.ResourceNames is { Count: > 0 } list ? list : [""];
                        foreach (var name in names)
                        {
                            result.Add($"{verb} {(group.Length == 0 ? "core" : group)}/{resource}{(name.Length == 0 ? "" : $"[{name}]")}");
                        }
                    }
                }
            }
        }

        return result;
    }

    /// <summary>A Role's or ClusterRole's rules as the operator's PolicyRule type (its matching mirrors the authorizer's).</summary>
    public static List<PolicyRule> Rules(Manifest role) =>
        JsonSerializer.Deserialize((role.Object["rules"] ?? new JsonArray()).ToJsonString(), KubernetesJsonContext.Default.ListPolicyRule) ?? [];
}
