using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Adds and removes finalizers with a merge patch that carries metadata.resourceVersion: the finalizer list is
/// replaced as a whole, so the version guards against erasing another controller's finalizer written meanwhile;
/// on 409 the object is read again and the change re-applied.
/// </summary>
public static class Finalizers
{
    private const int Attempts = 5;

    public static bool Has(IKubernetesObject value, string finalizer) => value.Metadata.Finalizers?.Contains(finalizer) == true;

    /// <summary>Ensures the finalizer is present; returns the stored object.</summary>
    public static async Task<T> AddAsync<T>(ResourceClient<T> client, T value, string finalizer, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject =>
        await ChangeAsync(client, value, list => list.Contains(finalizer) ? null : [.. list, finalizer], cancellationToken)
        ?? throw new KubernetesApiException(new ApiStatus { Code = 404, Reason = "NotFound", Message = $"{value.Metadata.Name} was deleted" });

    /// <summary>Ensures the finalizer is absent; returns the stored object, or null when removing it let the object go.</summary>
    public static Task<T?> RemoveAsync<T>(ResourceClient<T> client, T value, string finalizer, CancellationToken cancellationToken = default)
        where T : class, IKubernetesObject =>
        ChangeAsync(client, value, list => list.Contains(finalizer) ? [.. list.Where(f => f != finalizer)] : null, cancellationToken);

    private static async Task<T?> ChangeAsync<T>(ResourceClient<T> client, T value, Func<List<string>, List<string>?> change, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
    {
        var current = value;
        for (var attempt = 1; ; attempt++)
        {
            if (change(current.Metadata.Finalizers ?? []) is not { } finalizers)
            {
                return current;
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)JsonValue.Create(f))]),
                    ["resourceVersion"] = current.Metadata.ResourceVersion,
                },
            };
            try
            {
                return await client.PatchAsync(current.Metadata.Namespace, current.Metadata.Name!, KubernetesPatch.Merge(patch), null, cancellationToken);
            }
            catch (KubernetesApiException ex) when (ex.IsConflict && attempt < Attempts)
            {
                if (await client.TryGetAsync(current.Metadata.Namespace, current.Metadata.Name!, cancellationToken) is not { } fresh)
                {
                    return null;
                }

                current = fresh;
            }
            catch (KubernetesApiException ex) when (ex.IsNotFound)
            {
                return null;
            }
        }
    }
}
