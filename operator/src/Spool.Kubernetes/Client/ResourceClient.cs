using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Client;

/// <summary>Operations on one resource type. The namespace argument is null for cluster-scoped resources and for lists across namespaces.</summary>
public sealed partial class ResourceClient<T>
    where T : class
{
    private readonly KubernetesClient _client;
    private readonly JsonTypeInfo<T> _typeInfo;

    internal ResourceClient(KubernetesClient client, ResourceType type)
    {
        _client = client;
        Type = type;
        _typeInfo = client.Serializer.GetTypeInfo<T>();
    }

    public ResourceType Type { get; }

    public KubernetesClient Client => _client;

    public async Task<T> GetAsync(string? ns, string name, CancellationToken cancellationToken = default) =>
        Read(await _client.SendForBytesAsync(Request(HttpMethod.Get, "get", ns, name), cancellationToken));

    /// <summary>The object, or null when it does not exist.</summary>
    public async Task<T?> TryGetAsync(string? ns, string name, CancellationToken cancellationToken = default)
    {
        try
        {
            return await GetAsync(ns, name, cancellationToken);
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }

    /// <summary>One page; follow <see cref="ListMeta.Continue"/> for the next, or use <see cref="ListAllAsync"/>.</summary>
    public async Task<KubernetesList<T>> ListAsync(string? ns, ListOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions();
        var request = Request(HttpMethod.Get, "list", ns, null);
        request.AddQuery("labelSelector", options.LabelSelector);
        request.AddQuery("fieldSelector", options.FieldSelector);
        request.AddQuery("limit", options.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.AddQuery("continue", options.Continue);
        if (options.ResourceVersion is not null)
        {
            // "" is meaningful to the caller (a consistent read) but the same as not sending the parameter.
            request.AddQuery("resourceVersion", options.ResourceVersion);
        }

        request.AddQuery("resourceVersionMatch", options.ResourceVersionMatch);
        request.AddQuery("timeoutSeconds", options.TimeoutSeconds?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return ReadList(await _client.SendForBytesAsync(request, cancellationToken));
    }

    /// <summary>Every item, page by page (the continue token carries the snapshot, so pages are consistent).</summary>
    public async IAsyncEnumerable<T> ListAllAsync(string? ns, ListOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new ListOptions { Limit = 500 };
        while (true)
        {
            var page = await ListAsync(ns, options, cancellationToken);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (string.IsNullOrEmpty(page.Metadata.Continue))
            {
                yield break;
            }

            // The continue token encodes the resourceVersion; sending both is rejected.
            options = options with { Continue = page.Metadata.Continue, ResourceVersion = null, ResourceVersionMatch = null };
        }
    }

    public async Task<T> CreateAsync(T value, WriteOptions? options = null, CancellationToken cancellationToken = default)
    {
        ObjectIdentity.EnsureTypeMeta(value, Type);
        var (ns, _, _) = ObjectIdentity.Get(value);
        var request = Request(HttpMethod.Post, "create", ns, null, body: Serialize(value), contentType: "application/json");
        AddWriteQuery(request, options, PatchType.Merge);
        return Read(await _client.SendForBytesAsync(request, cancellationToken));
    }

    /// <summary>PUT: with metadata.resourceVersion set, a concurrent change fails with 409 Conflict (<see cref="KubernetesApiException.IsConflict"/>).</summary>
    public Task<T> ReplaceAsync(T value, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(value, null, options, cancellationToken);

    public Task<T> PatchAsync(string? ns, string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatchAsync(ns, name, null, patch, options, cancellationToken);

    /// <summary>
    /// Server-side apply of <paramref name="value"/> as the field manager's whole intent for the object. Build a fresh
    /// object holding only the fields you own: one read from the API carries managedFields and status, which apply rejects or takes over.
    /// </summary>
    public Task<T> ApplyAsync(T value, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        ApplyCoreAsync(value, null, options, cancellationToken);

    /// <summary>Deletes; returns the object when it still exists afterwards (finalizers, foreground) or null when the server answered with a Status.</summary>
    public async Task<T?> DeleteAsync(string? ns, string name, DeleteOptions? options = null, WriteOptions? writeOptions = null, CancellationToken cancellationToken = default)
    {
        byte[]? body = null;
        if (options is not null)
        {
            options.ApiVersion ??= "v1";
            options.Kind ??= "DeleteOptions";
            body = JsonSerializer.SerializeToUtf8Bytes(options, KubernetesJsonContext.Default.DeleteOptions);
        }

        var request = Request(HttpMethod.Delete, "delete", ns, name, body: body, contentType: "application/json");
        if (writeOptions?.DryRun == true)
        {
            request.AddQuery("dryRun", "All");
        }

        var bytes = await _client.SendForBytesAsync(request, cancellationToken);
        using var document = JsonDocument.Parse(bytes);
        return document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueEquals("Status")
            ? null
            : document.RootElement.Deserialize(_typeInfo);
    }

    /// <summary>Deletes and treats "already gone" as success; returns whether the object existed.</summary>
    public async Task<bool> DeleteIfExistsAsync(string? ns, string name, DeleteOptions? options = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await DeleteAsync(ns, name, options, null, cancellationToken);
            return true;
        }
        catch (KubernetesApiException ex) when (ex.IsNotFound)
        {
            return false;
        }
    }

    public async Task<T> GetStatusAsync(string? ns, string name, CancellationToken cancellationToken = default) =>
        Read(await _client.SendForBytesAsync(Request(HttpMethod.Get, "get", ns, name, "status"), cancellationToken));

    /// <summary>PUT to the status subresource: only status changes are kept, and resourceVersion guards concurrency.</summary>
    public Task<T> ReplaceStatusAsync(T value, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        PutAsync(value, "status", options, cancellationToken);

    public Task<T> PatchStatusAsync(string? ns, string name, KubernetesPatch patch, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        SendPatchAsync(ns, name, "status", patch, options, cancellationToken);

    public Task<T> ApplyStatusAsync(T value, WriteOptions? options = null, CancellationToken cancellationToken = default) =>
        ApplyCoreAsync(value, "status", options, cancellationToken);

    private async Task<T> PutAsync(T value, string? subresource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ObjectIdentity.EnsureTypeMeta(value, Type);
        var (ns, name, _) = ObjectIdentity.Get(value);
        var request = Request(HttpMethod.Put, "update", ns, RequireName(name), subresource, Serialize(value), "application/json");
        AddWriteQuery(request, options, PatchType.Merge);
        return Read(await _client.SendForBytesAsync(request, cancellationToken));
    }

    private Task<T> ApplyCoreAsync(T value, string? subresource, WriteOptions? options, CancellationToken cancellationToken)
    {
        ObjectIdentity.EnsureTypeMeta(value, Type);
        var (ns, name, _) = ObjectIdentity.Get(value);
        return SendPatchAsync(ns, RequireName(name), subresource, new KubernetesPatch(PatchType.Apply, Serialize(value)), options, cancellationToken);
    }

    private async Task<T> SendPatchAsync(string? ns, string name, string? subresource, KubernetesPatch patch, WriteOptions? options, CancellationToken cancellationToken)
    {
        var request = new KubernetesRequest
        {
            Method = HttpMethod.Patch,
            Verb = "patch",
            Resource = Type,
            Namespace = ns,
            Name = name,
            Subresource = subresource,
            Body = patch.Body,
            ContentType = patch.ContentType,
            IsApply = patch.Type == PatchType.Apply,
        };
        AddWriteQuery(request, options, patch.Type);
        return Read(await _client.SendForBytesAsync(request, cancellationToken));
    }

    private void AddWriteQuery(KubernetesRequest request, WriteOptions? options, PatchType patchType)
    {
        if (options?.DryRun == true)
        {
            request.AddQuery("dryRun", "All");
        }

        var fieldManager = options?.FieldManager ?? _client.Options.FieldManager;
        if (patchType == PatchType.Apply && string.IsNullOrEmpty(fieldManager))
        {
            throw new ArgumentException("Server-side apply needs a field manager (WriteOptions.FieldManager or KubernetesClientOptions.FieldManager).");
        }

        request.AddQuery("fieldManager", fieldManager);
        if (patchType == PatchType.Apply && options?.Force == true)
        {
            request.AddQuery("force", "true");
        }
    }

    private KubernetesRequest Request(HttpMethod method, string verb, string? ns, string? name, string? subresource = null, byte[]? body = null, string? contentType = null) =>
        new()
        {
            Method = method,
            Verb = verb,
            Resource = Type,
            Namespace = Type.Namespaced ? ns : null,
            Name = name,
            Subresource = subresource,
            Body = body,
            ContentType = body is null ? null : contentType,
        };

    private static string RequireName(string? name) =>
        string.IsNullOrEmpty(name) ? throw new ArgumentException("The object has no metadata.name.") : name;

    private byte[] Serialize(T value) => JsonSerializer.SerializeToUtf8Bytes(value, _typeInfo);

    private T Read(byte[] body) =>
        JsonSerializer.Deserialize(body, _typeInfo) ?? throw new JsonException("The API answered with null.");
}
