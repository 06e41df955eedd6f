using System.Text.Json;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Client;

/// <summary>API discovery: which groups, versions and resources the server serves (for example monitoring.coreos.com).</summary>
public sealed class DiscoveryClient
{
    private readonly KubernetesClient _client;

    internal DiscoveryClient(KubernetesClient client) => _client = client;

    /// <summary>GET /api: the core group's versions.</summary>
    public async Task<ApiVersions> GetCoreVersionsAsync(CancellationToken cancellationToken = default) =>
        JsonSerializer.Deserialize(await GetAsync("/api", cancellationToken), KubernetesJsonContext.Default.ApiVersions)!;

    /// <summary>GET /apis: every named group.</summary>
    public async Task<ApiGroupList> GetGroupsAsync(CancellationToken cancellationToken = default) =>
        JsonSerializer.Deserialize(await GetAsync("/apis", cancellationToken), KubernetesJsonContext.Default.ApiGroupList)!;

    /// <summary>GET /api/v1 or /apis/{group}/{version}; null when the group version is not served.</summary>
    public async Task<ApiResourceList?> GetResourcesAsync(string group, string version, CancellationToken cancellationToken = default)
    {
        try
        {
            var path = group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";
            return JsonSerializer.Deserialize(await GetAsync(path, cancellationToken), KubernetesJsonContext.Default.ApiResourceList);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>Whether the server serves <paramref name="plural"/> in group/version (a CRD that is installed and established).</summary>
    public async Task<bool> IsServedAsync(string group, string version, string plural, CancellationToken cancellationToken = default) =>
        (await GetResourcesAsync(group, version, cancellationToken))?.Resources?.Exists(r => r.Name == plural) == true;

    public Task<bool> IsServedAsync(ResourceType type, CancellationToken cancellationToken = default) =>
        IsServedAsync(type.Group, type.Version, type.Plural, cancellationToken);

    private Task<byte[]> GetAsync(string path, CancellationToken cancellationToken) =>
        _client.SendForBytesAsync(new KubernetesRequest { Method = HttpMethod.Get, Verb = "get", NonResourcePath = path }, cancellationToken);
}
