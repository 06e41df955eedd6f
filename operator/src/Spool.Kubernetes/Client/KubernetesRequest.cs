using System.Text;

namespace Spool.Kubernetes.Client;

/// <summary>
/// A call described by what it addresses rather than by its URL: the client builds the path from it and tells
/// observers the same (verb, group, resource, subresource, namespace), so recorded calls and requests never drift.
/// </summary>
public sealed class KubernetesRequest
{
    public required HttpMethod Method { get; init; }

    /// <summary>The RBAC verb: get, list, watch, create, update, patch, delete, deletecollection.</summary>
    public required string Verb { get; init; }

    public ResourceType? Resource { get; init; }

    public string? Namespace { get; init; }

    public string? Name { get; init; }

    public string? Subresource { get; init; }

    /// <summary>For discovery (/api, /apis, /apis/{group}/{version}): a path that is not a resource.</summary>
    public string? NonResourcePath { get; init; }

    public List<KeyValuePair<string, string>> Query { get; } = [];

    public byte[]? Body { get; init; }

    public string? ContentType { get; init; }

    public bool IsApply { get; init; }

    public void AddQuery(string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            Query.Add(new(key, value));
        }
    }

    public string PathAndQuery()
    {
        var builder = new StringBuilder(NonResourcePath ?? ResourcePath());
        for (var i = 0; i < Query.Count; i++)
        {
            builder.Append(i == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(Query[i].Key))
                .Append('=')
                .Append(Uri.EscapeDataString(Query[i].Value));
        }

        return builder.ToString();
    }

    public KubernetesCall ToCall() => NonResourcePath is { } path
        ? new KubernetesCall(Verb, "", null, null, null, null, path)
        : new KubernetesCall(Verb, Resource!.Group, Resource.Plural, Subresource, Resource.Namespaced ? Namespace : null, Name, null, IsApply);

    private string ResourcePath()
    {
        var resource = Resource ?? throw new InvalidOperationException("A request needs a resource or a non-resource path.");
        var builder = new StringBuilder(resource.GroupVersionPath);
        if (resource.Namespaced)
        {
            if (Namespace is { Length: > 0 } ns)
            {
                builder.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
            }
            else if (Name is not null || Verb is "create")
            {
                // Only collection reads (list, watch) may span all namespaces.
                throw new ArgumentException($"{resource} is namespaced: a namespace is required to {Verb} {Name}.");
            }
        }

        builder.Append('/').Append(resource.Plural);
        if (Name is not null)
        {
            if (Name.Length == 0)
            {
                throw new ArgumentException("The object name is empty.");
            }

            builder.Append('/').Append(Uri.EscapeDataString(Name));
        }

        if (Subresource is not null)
        {
            builder.Append('/').Append(Subresource);
        }

        return builder.ToString();
    }
}
