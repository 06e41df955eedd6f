using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Storage;

namespace Spool.KubeEmulator.Server;

/// <summary>
/// The apiserver's generic registry: verbs with their real semantics over <see cref="ObjectStore"/>.
/// HTTP handlers and the emulator's own controllers both go through it, so controllers' writes get
/// the same resourceVersions, events, validation and finalizer rules as clients'.
/// </summary>
public sealed partial class ResourceService
{
    public ResourceService(ObjectStore store, ResourceRegistry registry, TimeProvider time)
    {
        Store = store;
        Registry = registry;
        Time = time;
        Strategies = new StrategyResolver();
    }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    public TimeProvider Time { get; }

    public StrategyResolver Strategies { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    /// <summary>Stored form to the served representation of <paramref name="version"/> (kind and apiVersion first).</summary>
    public static JsonObject ToServed(ResourceType t, string version, JsonObject stored)
    {
        var body = t.Converter?.FromStorage(stored) ?? Jn.Clone(stored);
        var result = new JsonObject { ["kind"] = t.Kind, ["apiVersion"] = t.ApiVersion(version) };
        foreach (var (k, v) in body.ToList())
        {
            if (k is "kind" or "apiVersion")
            {
                continue;
            }
            body.Remove(k);
            result[k] = v;
        }
        return result;
    }

    public static JsonObject ToStorage(ResourceType t, JsonObject served)
    {
        var obj = t.Converter?.ToStorage(served) ?? Jn.Clone(served);
        obj["apiVersion"] = t.ApiVersion(t.StorageVersion);
        obj["kind"] = t.Kind;
        return obj;
    }

    public ResourceType RequireType(string apiVersion, string kind) =>
        Registry.FindByKind(apiVersion, kind) ?? throw StatusBuilder.NotFound("", kind, apiVersion);

    /// <summary>Rejects a body whose kind or apiVersion contradicts the URL it was sent to.</summary>
    private static void CheckTypeMeta(ResourceType t, string version, JsonObject body)
    {
        var kind = Jn.Str(body, "kind");
        var apiVersion = Jn.Str(body, "apiVersion");
        if (t.IsCustom && string.IsNullOrEmpty(kind))
        {
            throw StatusBuilder.BadRequest($"Object 'Kind' is missing in '{Jn.Serialize(body)}'");
        }
        if (!string.IsNullOrEmpty(kind) && kind != t.Kind)
        {
            throw StatusBuilder.BadRequest($"the kind in the data ({kind}) does not match the expected kind ({t.Kind})");
        }
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != t.ApiVersion(version))
        {
            throw StatusBuilder.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({t.ApiVersion(version)})");
        }
    }

    private StrategyContext Context(WriteOptions o, string version, string? subresource = null) =>
        new() { Service = this, Options = o, Version = version, Now = Now, Subresource = subresource };
}
