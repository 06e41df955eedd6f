namespace Spool.Kubernetes.Client;

/// <summary>Read-modify-write with optimistic concurrency: on 409 the object is read again and the change re-applied.</summary>
public sealed partial class ResourceClient<T>
{
    /// <summary>
    /// Gets the object, lets <paramref name="mutate"/> change it (returning false means "nothing to do"), and replaces
    /// it; a conflict re-reads and repeats. Returns the stored object.
    /// </summary>
    public Task<T> UpdateAsync(string? ns, string name, Func<T, bool> mutate, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        KubernetesRetry.OnConflictAsync(
            async ct =>
            {
                var current = await GetAsync(ns, name, ct);
                return mutate(current) ? await ReplaceAsync(current, options, ct) : current;
            },
            cancellationToken: cancellationToken);

    /// <summary>As <see cref="UpdateAsync"/>, writing through the status subresource.</summary>
    public Task<T> UpdateStatusAsync(string? ns, string name, Func<T, bool> mutate, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        KubernetesRetry.OnConflictAsync(
            async ct =>
            {
                var current = await GetAsync(ns, name, ct);
                return mutate(current) ? await ReplaceStatusAsync(current, options, ct) : current;
            },
            cancellationToken: cancellationToken);
}
