using System.IO.Pipelines;
using System.Net;
using System.Text.Json.Nodes;
using System.Web;

namespace Spool.Kubernetes.Tests.Support;

/// <summary>
/// A small in-memory API server for runtime tests: generic objects with resourceVersion, 404/409, finalizers and
/// deletionTimestamp, merge patches, paginated lists and watches with bookmarks and 410 after compaction.
/// The full emulator lives in Spool.KubeEmulator; this one only has what these tests need.
/// </summary>
public sealed partial class FakeKubernetesApi : HttpMessageHandler
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly List<(long Version, string Type, Address Address, JsonObject Object)> _log = [];
    private readonly List<Watcher> _watchers = [];
    private long _version = 100;
    private long _compactedThrough;

    public List<RecordedRequest> Requests { get; } = [];

    /// <summary>Answers a request before the fake does (return null to let it through).</summary>
    public Func<HttpRequestMessage, string?, HttpResponseMessage?>? Intercept { get; set; }

    public int WatchCount
    {
        get
        {
            lock (_lock)
            {
                return _watchers.Count;
            }
        }
    }

    public long CurrentVersion
    {
        get
        {
            lock (_lock)
            {
                return _version;
            }
        }
    }

    public IReadOnlyList<RecordedRequest> RequestsSnapshot()
    {
        lock (_lock)
        {
            return [.. Requests];
        }
    }

    /// <summary>Creates or replaces an object directly (as another client would), emitting the watch event.</summary>
    public JsonObject Upsert(string prefix, string plural, JsonObject value)
    {
        lock (_lock)
        {
            var address = new Address(prefix, plural, (string?)value["metadata"]?["namespace"], (string)value["metadata"]!["name"]!);
            var exists = _objects.ContainsKey(address.Key);
            var stored = (JsonObject)value.DeepClone();
            var metadata = (JsonObject)stored["metadata"]!;
            metadata["uid"] ??= Guid.NewGuid().ToString();
            metadata["resourceVersion"] = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _objects[address.Key] = stored;
            EmitLocked(exists ? "MODIFIED" : "ADDED", address, stored);
            return (JsonObject)stored.DeepClone();
        }
    }

    public JsonObject? Get(string prefix, string plural, string? ns, string name)
    {
        lock (_lock)
        {
            return _objects.TryGetValue(new Address(prefix, plural, ns, name).Key, out var value) ? (JsonObject)value.DeepClone() : null;
        }
    }

    public void Remove(string prefix, string plural, string? ns, string name)
    {
        lock (_lock)
        {
            var address = new Address(prefix, plural, ns, name);
            if (_objects.Remove(address.Key, out var value))
            {
                ++_version;
                EmitLocked("DELETED", address, value);
            }
        }
    }

    /// <summary>Forgets history: watches from any version up to now answer 410 Gone.</summary>
    public void Compact()
    {
        lock (_lock)
        {
            _compactedThrough = _version;
            _log.Clear();
        }
    }

    /// <summary>Ends every watch, as the server's watch timeout does.</summary>
    public void CloseWatches()
    {
        lock (_lock)
        {
            foreach (var watcher in _watchers)
            {
                watcher.Writer.Complete();
            }

            _watchers.Clear();
        }
    }

    /// <summary>Compacts and ends every watch, as an API server restart with etcd compaction does.</summary>
    public void CompactAndCloseWatches()
    {
        lock (_lock)
        {
            _compactedThrough = _version;
            _log.Clear();
            foreach (var watcher in _watchers)
            {
                watcher.Writer.Complete();
            }

            _watchers.Clear();
        }
    }

    /// <summary>Sends a BOOKMARK at the current version to watches that asked for bookmarks.</summary>
    public void SendBookmark()
    {
        lock (_lock)
        {
            ++_version;
            foreach (var watcher in _watchers.Where(w => w.Bookmarks).ToList())
            {
                var bookmark = new JsonObject
                {
                    ["kind"] = "Bookmark",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = _version.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                };
                Write(watcher, "BOOKMARK", bookmark);
            }
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        lock (_lock)
        {
            Requests.Add(new RecordedRequest(request.Method.Method, request.RequestUri!.PathAndQuery, request.Content?.Headers.ContentType?.MediaType, body, request.Headers.Authorization?.ToString()));
        }

        if (Intercept?.Invoke(request, body) is { } intercepted)
        {
            return intercepted;
        }

        var path = Uri.UnescapeDataString(request.RequestUri!.AbsolutePath);
        var query = HttpUtility.ParseQueryString(request.RequestUri.Query);
        if (!TryParse(path, out var address, out var subresource))
        {
            return Status(HttpStatusCode.NotFound, "NotFound", $"no route {path}");
        }

        lock (_lock)
        {
            return request.Method.Method switch
            {
                "GET" when address.Name is null && query["watch"] == "true" => StartWatchLocked(address, query),
                "GET" when address.Name is null => ListLocked(address, query),
                "GET" => _objects.TryGetValue(address.Key, out var found) ? Json(HttpStatusCode.OK, found) : NotFound(address),
                "POST" => CreateLocked(address, JsonNode.Parse(body!)!.AsObject()),
                "PUT" => ReplaceLocked(address, subresource, JsonNode.Parse(body!)!.AsObject()),
                "PATCH" => PatchLocked(address, subresource, JsonNode.Parse(body!)!, request.Content!.Headers.ContentType!.MediaType!),
                "DELETE" => DeleteLocked(address),
                _ => Status(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", request.Method.Method),
            };
        }
    }

    private static bool TryParse(string path, out Address address, out string? subresource)
    {
        address = default;
        subresource = null;
        var segments = path.Trim('/').Split('/');
        int rest;
        string prefix;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            prefix = $"/api/{segments[1]}";
            rest = 2;
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            prefix = $"/apis/{segments[1]}/{segments[2]}";
            rest = 3;
        }
        else
        {
            return false;
        }

        string? ns = null;
        if (segments.Length - rest >= 3 && segments[rest] == "namespaces")
        {
            ns = segments[rest + 1];
            rest += 2;
        }

        var plural = segments[rest];
        var name = segments.Length > rest + 1 ? segments[rest + 1] : null;
        subresource = segments.Length > rest + 2 ? segments[rest + 2] : null;
        address = new Address(prefix, plural, ns, name);
        return true;
    }

    public sealed record RecordedRequest(string Method, string PathAndQuery, string? ContentType, string? Body, string? Authorization);

    private readonly record struct Address(string Prefix, string Plural, string? Namespace, string? Name)
    {
        public string Key => $"{Prefix}|{Plural}|{Namespace}|{Name}";

        public bool InCollection(Address item) =>
            item.Prefix == Prefix && item.Plural == Plural && (Namespace is null || Namespace == item.Namespace);
    }

    private sealed class Watcher(Address collection, PipeWriter writer, bool bookmarks, string? labelSelector)
    {
        public Address Collection { get; } = collection;

        public PipeWriter Writer { get; } = writer;

        public bool Bookmarks { get; } = bookmarks;

        public string? LabelSelector { get; } = labelSelector;
    }
}
