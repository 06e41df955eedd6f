using System.Text.Json;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Operator.Reconcilers;

/// <summary>Writes a resource's status through the status subresource, only when it changed.</summary>
public sealed class StatusWriter(KubernetesSerializer serializer)
{
    /// <summary>True when a patch was sent; false when nothing changed or the object is gone.</summary>
    public async Task<bool> WriteAsync<T, TStatus>(ResourceClient<T> client, T current, TStatus? previous, TStatus next, CancellationToken cancellationToken)
        where T : class, IKubernetesObject
        where TStatus : class
    {
        var info = serializer.GetTypeInfo<TStatus>();
        var before = previous is null ? null : JsonSerializer.SerializeToNode(previous, info);
        var after = JsonSerializer.SerializeToNode(next, info)?.AsObject() ?? [];
        if (StatusPatch.Create(before, after) is not { } patch)
        {
            return false;
        }

        try
        {
            await client.PatchStatusAsync(current.Metadata.Namespace, current.Metadata.Name!, KubernetesPatch.Merge(patch), null, cancellationToken);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }
}
