using System.Text.Json;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Patching;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Server;

public sealed partial class ResourceService
{
    public const string ApplyPatchType = "application/apply-patch+yaml";
    public const string MergePatchType = "application/merge-patch+json";
    public const string JsonPatchType = "application/json-patch+json";
    public const string StrategicPatchType = "application/strategic-merge-patch+json";

    public JsonObject Patch(ResourceType t, string version, string? ns, string name, string? contentType, string body, string? subresource, WriteOptions o)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var accepted = t.IsCustom ? new[] { JsonPatchType, MergePatchType, ApplyPatchType } : [JsonPatchType, MergePatchType, StrategicPatchType, ApplyPatchType];
        if (!accepted.Contains(mediaType))
        {
            throw StatusBuilder.UnsupportedMediaType(mediaType, accepted);
        }
        if (mediaType == ApplyPatchType)
        {
            return ToServed(t, version, Apply(t, version, ns, name, body, subresource, o));
        }
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            throw StatusBuilder.BadRequest($"error decoding patch: {e.Message}");
        }
        if (mediaType != JsonPatchType && patch is not JsonObject)
        {
            throw StatusBuilder.BadRequest("json: cannot unmarshal into Go value of type map[string]interface {}");
        }
        var schema = FieldSchema.For(t, version);
        JsonObject Produce(JsonObject existing)
        {
            var served = ToServed(t, version, existing);
            var patched = mediaType switch
            {
                MergePatchType => MergePatch.Apply(served, patch),
                JsonPatchType => JsonPatch.Apply(served, patch),
                _ => StrategicMergePatch.Apply(served, patch, schema),
            };
            if (patched is not JsonObject po)
            {
                throw new ApiException(422, "Invalid", "the patch did not produce an object");
            }
            return ToStorage(t, po);
        }
        var result = CommitUpdate(t, version, ns, name, Produce, subresource, o, ManagedOperation.Update);
        return ToServed(t, version, result);
    }

    private JsonObject Apply(ResourceType t, string version, string? ns, string name, string body, string? subresource, WriteOptions o)
    {
        if (string.IsNullOrEmpty(o.FieldManager))
        {
            throw StatusBuilder.BadRequest("PATCH requests with apply content type require fieldManager to be set");
        }
        JsonNode? parsed;
        try
        {
            parsed = Yaml.ToJson(body);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or JsonException)
        {
            throw StatusBuilder.BadRequest($"error decoding YAML: {e.Message}");
        }
        if (parsed is not JsonObject config)
        {
            throw StatusBuilder.BadRequest("error decoding YAML: the applied configuration must be an object");
        }
        if (string.IsNullOrEmpty(Jn.Str(config, "kind")) || string.IsNullOrEmpty(Jn.Str(config, "apiVersion")))
        {
            throw StatusBuilder.BadRequest($"invalid object type: {Jn.Str(config, "apiVersion") ?? ""}, Kind={Jn.Str(config, "kind") ?? ""}");
        }
        CheckTypeMeta(t, version, config);
        var configName = Jn.Name(config);
        if (configName.Length > 0 && configName != name)
        {
            throw StatusBuilder.BadRequest($"the name of the object ({configName}) does not match the name on the URL ({name})");
        }
        var configNs = Jn.Namespace(config);
        if (t.Namespaced && !string.IsNullOrEmpty(configNs) && configNs != ns)
        {
            throw StatusBuilder.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        var cfg = ToStorage(t, config);
        var meta = Jn.Meta(cfg);
        meta.Remove("managedFields");
        meta.Remove("name");
        meta.Remove("namespace");
        if (subresource == "status")
        {
            foreach (var k in cfg.Select(kv => kv.Key).Where(k => k is not ("status" or "apiVersion" or "kind" or "metadata")).ToList())
            {
                cfg.Remove(k);
            }
            cfg["metadata"] = meta["resourceVersion"] is { } rv ? new JsonObject { ["resourceVersion"] = rv.DeepClone() } : new JsonObject();
        }
        else if (t.HasStatus)
        {
            cfg.Remove("status");
        }
        var schema = FieldSchema.For(t, version);
        var apiVersion = t.ApiVersion(version);
        return Store.Transact(tx =>
        {
            var existing = tx.Get(t.StorageTable, ns, name);
            if (existing is null)
            {
                if (subresource is not null)
                {
                    throw StatusBuilder.NotFound(t, name);
                }
                var skeleton = new JsonObject
                {
                    ["apiVersion"] = t.ApiVersion(t.StorageVersion),
                    ["kind"] = t.Kind,
                    ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
                };
                var merged = ServerSideApply.Apply(skeleton, cfg, o.FieldManager, o.Force, schema, apiVersion, Now, null);
                var managed = Jn.Meta(merged)["managedFields"] as JsonArray;
                Jn.Meta(merged).Remove("managedFields");
                return CreateCore(t, version, ns, merged, o, managed ?? []);
            }
            return CommitUpdate(t, version, ns, name,
                live => ServerSideApply.Apply(live, cfg, o.FieldManager, o.Force, schema, apiVersion, Now, subresource),
                subresource, o, ManagedOperation.Apply);
        });
    }
}
