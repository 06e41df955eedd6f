using System.Text.Json.Nodes;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Client;

/// <summary>Reads and fills the identifying fields of typed objects and of unstructured JSON alike.</summary>
internal static class ObjectIdentity
{
    public static (string? Namespace, string? Name, string? ResourceVersion) Get<T>(T value)
        where T : class => value switch
        {
            IKubernetesObject typed => (typed.Metadata.Namespace, typed.Metadata.Name, typed.Metadata.ResourceVersion),
            JsonObject json => (
                (string?)json["metadata"]?["namespace"],
                (string?)json["metadata"]?["name"],
                (string?)json["metadata"]?["resourceVersion"]),
            _ => throw new NotSupportedException($"{typeof(T).Name} is neither an IKubernetesObject nor a JsonObject."),
        };

    /// <summary>The API rejects bodies without apiVersion and kind; fill them from the resource type when absent.</summary>
    public static void EnsureTypeMeta<T>(T value, ResourceType type)
        where T : class
    {
        switch (value)
        {
            case IKubernetesObject typed:
                typed.ApiVersion ??= type.ApiVersion;
                typed.Kind ??= type.Kind;
                break;
            case JsonObject json:
                json["apiVersion"] ??= type.ApiVersion;
                json["kind"] ??= type.Kind;
                break;
        }
    }
}
