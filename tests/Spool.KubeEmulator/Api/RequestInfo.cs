namespace Spool.KubeEmulator.Api;

/// <summary>
/// A request path decoded as the apiserver's RequestInfoFactory does: API prefix, group, version,
/// namespace, resource, name, subresource and verb (including legacy /watch/ paths).
/// </summary>
public sealed class RequestInfo
{
    private static readonly HashSet<string> NamespaceSubresources = new(StringComparer.Ordinal) { "status", "finalize" };

    public bool IsResourceRequest { get; private init; }

    public string Path { get; private init; } = "";

    public string Verb { get; private set; } = "";

    public string Group { get; private init; } = "";

    public string Version { get; private init; } = "";

    /// <summary>The namespace of the request; for the namespaces resource it is the namespace's own name.</summary>
    public string Namespace { get; private init; } = "";

    public string Resource { get; private init; } = "";

    public string Name { get; set; } = "";

    public string Subresource { get; private init; } = "";

    public bool LegacyWatch { get; private init; }

    public static RequestInfo Parse(string method, string path, bool watchParam)
    {
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToList();
        string group;
        string version;
        List<string> rest;
        if (parts.Count >= 2 && parts[0] == "api")
        {
            group = "";
            version = parts[1];
            rest = parts.Skip(2).ToList();
        }
        else if (parts.Count >= 3 && parts[0] == "apis")
        {
            group = parts[1];
            version = parts[2];
            rest = parts.Skip(3).ToList();
        }
        else
        {
            return NonResource(method, path);
        }
        if (rest.Count == 0)
        {
            return NonResource(method, path);
        }
        var legacyWatch = false;
        if (rest[0] == "watch")
        {
            legacyWatch = true;
            rest = rest.Skip(1).ToList();
        }
        var ns = "";
        if (rest.Count > 0 && rest[0] == "namespaces" && rest.Count > 1)
        {
            ns = rest[1];
            if (rest.Count > 2 && !NamespaceSubresources.Contains(rest[2]))
            {
                rest = rest.Skip(2).ToList();
            }
        }
        if (rest.Count == 0)
        {
            return NonResource(method, path);
        }
        var info = new RequestInfo
        {
            IsResourceRequest = true,
            Path = path,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = rest[0],
            Name = rest.Count > 1 ? rest[1] : "",
            Subresource = rest.Count > 2 ? rest[2] : "",
            LegacyWatch = legacyWatch,
        };
        info.Verb = method.ToUpperInvariant() switch
        {
            "GET" or "HEAD" when legacyWatch || (info.Name.Length == 0 && watchParam) => "watch",
            "GET" or "HEAD" => info.Name.Length == 0 ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => info.Name.Length == 0 ? "deletecollection" : "delete",
            _ => "",
        };
        return info;
    }

    private static RequestInfo NonResource(string method, string path) => new()
    {
        IsResourceRequest = false,
        Path = path,
        Verb = method.ToUpperInvariant() switch
        {
            "POST" => "post",
            "PUT" => "put",
            "PATCH" => "patch",
            "DELETE" => "delete",
            "HEAD" => "head",
            _ => "get",
        },
    };
}
