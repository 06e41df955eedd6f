using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Auth;

/// <summary>
/// RBAC over the stored Roles, ClusterRoles, RoleBindings and ClusterRoleBindings: verbs, apiGroups,
/// resources (with "pods/status", "*/status" and "*"), resourceNames and nonResourceURLs. system:masters
/// bypasses it; discovery, /version and health paths are open to every authenticated user (the default
/// system:discovery and system:public-info-viewer bindings). Aggregated ClusterRoles are not expanded.
/// </summary>
public sealed class RbacAuthorizer(ResourceService service)
{
    private static readonly string[] PublicPrefixes = ["/api", "/apis", "/version", "/healthz", "/readyz", "/livez", "/openapi"];

    public bool Enabled { get; set; }

    public bool Authorize(UserInfo user, RequestAttributes a)
    {
        if (!Enabled || user.IsSuperUser)
        {
            return true;
        }
        if (!a.IsResourceRequest && PublicPrefixes.Any(p => a.Path == p || a.Path.StartsWith(p + "/", StringComparison.Ordinal)) && !a.Path.StartsWith("/emulator", StringComparison.Ordinal))
        {
            return true;
        }
        foreach (var rules in RulesFor(user, a.Namespace))
        {
            foreach (var rule in rules.OfType<JsonObject>())
            {
                if (a.IsResourceRequest ? ResourceRuleMatches(rule, a) : NonResourceRuleMatches(rule, a))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /// <summary>The apiserver's denial text (responsewriters.forbiddenMessage).</summary>
    public static string ForbiddenMessage(UserInfo user, RequestAttributes a)
    {
        if (!a.IsResourceRequest)
        {
            return $"User \"{user.Name}\" cannot {a.Verb} path \"{a.Path}\"";
        }
        var resource = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        return a.Namespace.Length > 0
            ? $"User \"{user.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.Group}\" in the namespace \"{a.Namespace}\""
            : $"User \"{user.Name}\" cannot {a.Verb} resource \"{resource}\" in API group \"{a.Group}\" at the cluster scope";
    }

    private IEnumerable<JsonArray> RulesFor(UserInfo user, string ns)
    {
        var clusterRoles = service.ListStored(service.Type("rbac.authorization.k8s.io", "clusterroles"));
        foreach (var binding in service.ListStored(service.Type("rbac.authorization.k8s.io", "clusterrolebindings")))
        {
            if (Applies(binding, user, "") && Jn.Str(binding, "roleRef", "kind") == "ClusterRole"
                && clusterRoles.FirstOrDefault(r => Jn.Name(r) == Jn.Str(binding, "roleRef", "name")) is { } role)
            {
                yield return role["rules"] as JsonArray ?? [];
            }
        }
        if (ns.Length == 0)
        {
            yield break;
        }
        var roles = service.ListStored(service.Type("rbac.authorization.k8s.io", "roles"), ns);
        foreach (var binding in service.ListStored(service.Type("rbac.authorization.k8s.io", "rolebindings"), ns))
        {
            if (!Applies(binding, user, ns))
            {
                continue;
            }
            var refName = Jn.Str(binding, "roleRef", "name");
            var role = Jn.Str(binding, "roleRef", "kind") == "ClusterRole"
                ? clusterRoles.FirstOrDefault(r => Jn.Name(r) == refName)
                : roles.FirstOrDefault(r => Jn.Name(r) == refName);
            if (role is not null)
            {
                yield return role["rules"] as JsonArray ?? [];
            }
        }
    }

    private static bool Applies(JsonObject binding, UserInfo user, string bindingNamespace)
    {
        foreach (var s in (binding["subjects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Jn.Str(s, "name") ?? "";
            switch (Jn.Str(s, "kind"))
            {
                case "User" when name == user.Name:
                case "Group" when user.Groups.Contains(name, StringComparer.Ordinal):
                    return true;
                case "ServiceAccount":
                    var saNs = Jn.Str(s, "namespace") is { Length: > 0 } n ? n : bindingNamespace;
                    if (user.Name == $"system:serviceaccount:{saNs}:{name}")
                    {
                        return true;
                    }
                    break;
            }
        }
        return false;
    }

    private static bool ResourceRuleMatches(JsonObject rule, RequestAttributes a)
    {
        var verbs = Jn.Strings(rule["verbs"]);
        if (!verbs.Contains("*") && !verbs.Contains(a.Verb))
        {
            return false;
        }
        var groups = Jn.Strings(rule["apiGroups"]);
        if (!groups.Contains("*") && !groups.Contains(a.Group))
        {
            return false;
        }
        var combined = a.Subresource.Length > 0 ? $"{a.Resource}/{a.Subresource}" : a.Resource;
        var resources = Jn.Strings(rule["resources"]);
        var resourceOk = resources.Any(r => r == "*" || r == combined || (a.Subresource.Length > 0 && r == "*/" + a.Subresource));
        if (!resourceOk)
        {
            return false;
        }
        var names = Jn.Strings(rule["resourceNames"]);
        return names.Count == 0 || (a.Name.Length > 0 && names.Contains(a.Name));
    }

    private static bool NonResourceRuleMatches(JsonObject rule, RequestAttributes a)
    {
        var verbs = Jn.Strings(rule["verbs"]);
        if (!verbs.Contains("*") && !verbs.Contains(a.Verb))
        {
            return false;
        }
        return Jn.Strings(rule["nonResourceURLs"]).Any(u => u == "*" || u == a.Path || (u.EndsWith('*') && a.Path.StartsWith(u[..^1], StringComparison.Ordinal)));
    }
}
