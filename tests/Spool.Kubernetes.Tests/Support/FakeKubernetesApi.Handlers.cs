using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Spool.Kubernetes.Tests.Support;

/// <summary>The verbs of the fake API server.</summary>
public sealed partial class FakeKubernetesApi
{
    private HttpResponseMessage ListLocked(Address collection, System.Collections.Specialized.NameValueCollection query)
    {
        var items = _objects.Where(p => IsInCollection(p.Key, collection))
            .Select(p => p.Value)
            .Where(o => MatchesLabels(o, query["labelSelector"]))
            .ToList();
        var offset = query["continue"] is { Length: > 0 } token ? int.Parse(token, CultureInfo.InvariantCulture) : 0;
        var limit = query["limit"] is { Length: > 0 } l ? int.Parse(l, CultureInfo.InvariantCulture) : int.MaxValue;
        var page = items.Skip(offset).Take(limit).ToList();
        var metadata = new JsonObject { ["resourceVersion"] = _version.ToString(CultureInfo.InvariantCulture) };
        if (offset + page.Count < items.Count)
        {
            metadata["continue"] = (offset + page.Count).ToString(CultureInfo.InvariantCulture);
            metadata["remainingItemCount"] = items.Count - offset - page.Count;
        }

        return Json(HttpStatusCode.OK, new JsonObject
        {
            ["kind"] = "List",
            ["apiVersion"] = "v1",
            ["metadata"] = metadata,
            ["items"] = new JsonArray([.. page.Select(o => o.DeepClone())]),
        });
    }

    private HttpResponseMessage StartWatchLocked(Address collection, System.Collections.Specialized.NameValueCollection query)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 0));
        var watcher = new Watcher(collection, pipe.Writer, query["allowWatchBookmarks"] == "true", query["labelSelector"]);
        var from = query["resourceVersion"] is { Length: > 0 } v ? long.Parse(v, CultureInfo.InvariantCulture) : 0;
        if (from == 0)
        {
            // No version: the current state as ADDED events, then changes (the API's semantics for "" and "0").
            foreach (var value in _objects.Where(p => IsInCollection(p.Key, collection)).Select(p => p.Value))
            {
                Write(watcher, "ADDED", value);
            }
        }
        else if (from < _compactedThrough)
        {
            Write(watcher, "ERROR", new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["status"] = "Failure",
                ["message"] = $"too old resource version: {from} ({_compactedThrough})",
                ["reason"] = "Expired",
                ["code"] = 410,
            });
            pipe.Writer.Complete();
            return Stream(pipe);
        }
        else
        {
            foreach (var entry in _log.Where(e => e.Version > from && collection.InCollection(e.Address)))
            {
                Write(watcher, entry.Type, entry.Object);
            }
        }

        _watchers.Add(watcher);
        return Stream(pipe);
    }

    private HttpResponseMessage CreateLocked(Address collection, JsonObject value)
    {
        var metadata = (JsonObject)value["metadata"]!;
        var name = (string?)metadata["name"] ?? (string)metadata["generateName"]! + (++_version).ToString(CultureInfo.InvariantCulture);
        var address = collection with { Name = name };
        if (_objects.ContainsKey(address.Key))
        {
            return Status(HttpStatusCode.Conflict, "AlreadyExists", $"{collection.Plural} \"{name}\" already exists");
        }

        metadata["name"] = name;
        if (collection.Namespace is not null)
        {
            metadata["namespace"] = collection.Namespace;
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["generation"] = 1;
        metadata["creationTimestamp"] = "2026-01-01T00:00:00Z";
        return StoreLocked(address, value, "ADDED", HttpStatusCode.Created);
    }

    private HttpResponseMessage ReplaceLocked(Address address, string? subresource, JsonObject value)
    {
        if (!_objects.TryGetValue(address.Key, out var stored))
        {
            return NotFound(address);
        }

        if ((string?)value["metadata"]?["resourceVersion"] is { Length: > 0 } rv && rv != (string?)stored["metadata"]!["resourceVersion"])
        {
            return Conflict(address);
        }

        JsonObject next;
        if (subresource == "status")
        {
            next = (JsonObject)stored.DeepClone();
            next["status"] = value["status"]?.DeepClone();
        }
        else
        {
            next = (JsonObject)value.DeepClone();
            CarryServerFields(stored, next);
        }

        return StoreLocked(address, next, "MODIFIED", HttpStatusCode.OK);
    }

    private HttpResponseMessage PatchLocked(Address address, string? subresource, JsonNode patch, string contentType)
    {
        if (!_objects.TryGetValue(address.Key, out var stored))
        {
            return contentType == "application/apply-patch+yaml"
                ? CreateLocked(address with { Name = null }, patch.AsObject())
                : NotFound(address);
        }

        if (contentType == "application/json-patch+json")
        {
            return Status(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", "the fake does not apply JSON patches");
        }

        if ((string?)patch["metadata"]?["resourceVersion"] is { Length: > 0 } rv && rv != (string?)stored["metadata"]!["resourceVersion"])
        {
            return Conflict(address);
        }

        var merged = (JsonObject)JsonMergePatch.Apply(stored, patch)!;
        if (subresource == "status")
        {
            var onlyStatus = (JsonObject)stored.DeepClone();
            onlyStatus["status"] = merged["status"]?.DeepClone();
            merged = onlyStatus;
        }

        CarryServerFields(stored, merged);
        return StoreLocked(address, merged, "MODIFIED", HttpStatusCode.OK);
    }

    private HttpResponseMessage DeleteLocked(Address address)
    {
        if (!_objects.TryGetValue(address.Key, out var stored))
        {
            return NotFound(address);
        }

        if (stored["metadata"]?["finalizers"] is JsonArray { Count: > 0 })
        {
            var next = (JsonObject)stored.DeepClone();
            next["metadata"]!["deletionTimestamp"] ??= "2026-01-01T00:00:00Z";
            return StoreLocked(address, next, "MODIFIED", HttpStatusCode.OK);
        }

        _objects.Remove(address.Key);
        ++_version;
        EmitLocked("DELETED", address, stored);
        return Json(HttpStatusCode.OK, stored);
    }

    /// <summary>Stores with a new resourceVersion; an object being deleted goes once its last finalizer is removed.</summary>
    private HttpResponseMessage StoreLocked(Address address, JsonObject value, string type, HttpStatusCode code)
    {
        value["metadata"]!["resourceVersion"] = (++_version).ToString(CultureInfo.InvariantCulture);
        if (value["metadata"]!["deletionTimestamp"] is not null && value["metadata"]!["finalizers"] is not JsonArray { Count: > 0 })
        {
            _objects.Remove(address.Key);
            EmitLocked("DELETED", address, value);
            return Json(HttpStatusCode.OK, value);
        }

        _objects[address.Key] = value;
        EmitLocked(type, address, value);
        return Json(code, value);
    }

    private static void CarryServerFields(JsonObject stored, JsonObject next)
    {
        foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "generation", "namespace", "name" })
        {
            next["metadata"]![field] = stored["metadata"]![field]?.DeepClone();
        }

        if (stored["spec"]?.ToJsonString() != next["spec"]?.ToJsonString())
        {
            var generation = stored["metadata"]!["generation"] is { } g ? long.Parse(g.ToJsonString(), CultureInfo.InvariantCulture) : 1;
            next["metadata"]!["generation"] = generation + 1;
        }
    }

    private void EmitLocked(string type, Address address, JsonObject value)
    {
        _log.Add((_version, type, address, (JsonObject)value.DeepClone()));
        foreach (var watcher in _watchers.Where(w => w.Collection.InCollection(address)).ToList())
        {
            Write(watcher, type, value);
        }
    }

    private void Write(Watcher watcher, string type, JsonObject value)
    {
        if (type != "ERROR" && type != "BOOKMARK" && !MatchesLabels(value, watcher.LabelSelector))
        {
            return;
        }

        var line = new JsonObject { ["type"] = type, ["object"] = value.DeepClone() }.ToJsonString() + "\n";
        watcher.Writer.Write(Encoding.UTF8.GetBytes(line));
        var flushed = watcher.Writer.FlushAsync();
        if (flushed.IsCompleted && flushed.Result.IsCompleted)
        {
            // The client closed the stream.
            _watchers.Remove(watcher);
        }
    }

    private static bool MatchesLabels(JsonObject value, string? selector)
    {
        if (string.IsNullOrEmpty(selector))
        {
            return true;
        }

        var labels = value["metadata"]?["labels"] as JsonObject;
        return selector.Split(',').All(term =>
        {
            var parts = term.Split('=', 2);
            return labels?[parts[0]] is { } v && (string?)v == parts[1];
        });
    }

    private static bool IsInCollection(string key, Address collection) => collection.InCollection(ParseKey(key));

    private static Address ParseKey(string key)
    {
        var parts = key.Split('|');
        return new Address(parts[0], parts[1], parts[2].Length == 0 ? null : parts[2], parts[3]);
    }

    private static HttpResponseMessage Stream(Pipe pipe)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StreamContent(pipe.Reader.AsStream()) };
        response.Content.Headers.ContentType = new("application/json");
        return response;
    }

    private static HttpResponseMessage NotFound(Address address) =>
        Status(HttpStatusCode.NotFound, "NotFound", $"{address.Plural} \"{address.Name}\" not found");

    private static HttpResponseMessage Conflict(Address address) =>
        Status(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on {address.Plural} \"{address.Name}\": the object has been modified; please apply your changes to the latest version and try again");

    public static HttpResponseMessage Status(HttpStatusCode code, string reason, string message) => Json(code, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = message,
        ["reason"] = reason,
        ["code"] = (int)code,
    });

    public static HttpResponseMessage Json(HttpStatusCode code, JsonNode body)
    {
        var response = new HttpResponseMessage(code) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        return response;
    }
}
