namespace Spool.Kubernetes.Client;

/// <summary>
/// One call as the API server's authorizer sees it: the RBAC verb (get, list, watch, create, update, patch,
/// delete), API group, resource, subresource, namespace and name, or a non-resource path for discovery.
/// </summary>
public sealed record KubernetesCall(
    string Verb,
    string Group,
    string? Resource,
    string? Subresource,
    string? Namespace,
    string? Name,
    string? NonResourcePath = null,
    bool IsApply = false)
{
    /// <summary>The name a Role uses: "statefulsets", or "clusters/status" for a subresource.</summary>
    public string? RbacResource => Resource is null ? null : Subresource is null ? Resource : $"{Resource}/{Subresource}";

    /// <summary>
    /// Verbs the authorizer checks. A server-side apply is authorized as patch, and additionally as create when
    /// the object does not exist yet, so a Role must grant both for apply to work from scratch.
    /// </summary>
    public IReadOnlyList<string> RequiredVerbs => IsApply ? ["patch", "create"] : [Verb];

    public override string ToString() => NonResourcePath is { } path
        ? $"{Verb} {path}"
        : $"{Verb} {(Group.Length == 0 ? "core" : Group)}/{RbacResource}{(Namespace is null ? "" : $" -n {Namespace}")}{(Name is null ? "" : $" {Name}")}";
}
