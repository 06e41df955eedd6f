using System.Text.Json.Serialization;
using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>
/// rbac.authorization.k8s.io/v1 PolicyRule, with the matching the RBAC authorizer applies, so tests can check that
/// a Role covers every <see cref="KubernetesCall"/> the client made (and that nothing broader is needed).
/// </summary>
public sealed class PolicyRule : KubernetesModel
{
    [JsonPropertyName("apiGroups")]
    public List<string>? ApiGroups { get; set; }

    [JsonPropertyName("resources")]
    public List<string>? Resources { get; set; }

    [JsonPropertyName("verbs")]
    public List<string>? Verbs { get; set; }

    [JsonPropertyName("resourceNames")]
    public List<string>? ResourceNames { get; set; }

    [JsonPropertyName("nonResourceURLs")]
    public List<string>? NonResourceUrls { get; set; }

    /// <summary>True when this rule authorizes <paramref name="verb"/> for the call (see <see cref="KubernetesCall.RequiredVerbs"/>).</summary>
    public bool Covers(KubernetesCall call, string verb)
    {
        if (!Matches(Verbs, verb))
        {
            return false;
        }

        if (call.NonResourcePath is { } path)
        {
            return NonResourceUrls?.Exists(u => u == "*" || u == path || (u.EndsWith('*') && path.StartsWith(u[..^1], StringComparison.Ordinal))) == true;
        }

        if (!Matches(ApiGroups, call.Group))
        {
            return false;
        }

        var resource = call.RbacResource;
        var resourceMatches = Resources?.Exists(r =>
            r == "*" || r == resource || (call.Subresource is { } sub && r == "*/" + sub)) == true;
        if (!resourceMatches)
        {
            return false;
        }

        return ResourceNames is not { Count: > 0 } || (call.Name is { } name && ResourceNames.Contains(name));
    }

    /// <summary>True when the rules together authorize every verb the call needs (an apply may need patch and create).</summary>
    public static bool Allow(IEnumerable<PolicyRule> rules, KubernetesCall call)
    {
        var list = rules as IReadOnlyCollection<PolicyRule> ?? [.. rules];
        return call.RequiredVerbs.All(verb => list.Any(r => r.Covers(call, verb)));
    }

    private static bool Matches(List<string>? values, string value) => values?.Exists(v => v == "*" || v == value) == true;
}
