using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>
/// CustomResourceDefinitions: validation of names, scope, versions and structural schemas; serving
/// the resource once stored (discovery included); the cleanup finalizer on delete.
/// </summary>
public sealed class CrdStrategy : KindStrategy
{
    public const string CleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";

    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        var names = Jn.Ensure(obj, "spec", "names");
        if (Jn.Str(names, "kind") is { } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }
        obj["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(),
            ["acceptedNames"] = new JsonObject { ["plural"] = "", ["kind"] = "" },
            ["storedVersions"] = new JsonArray(),
        };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        var names = Jn.Ensure(obj, "spec", "names");
        if (Jn.Str(names, "kind") is { } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }
    }

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors) => CrdValidation.Validate(obj, errors);

    public override void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
        if (Jn.Str(obj, "spec", "group") != Jn.Str(old, "spec", "group"))
        {
            errors.Add(FieldError.Invalid("spec.group", Jn.Get(obj, "spec", "group"), "field is immutable"));
        }
        if (Jn.Str(obj, "spec", "scope") != Jn.Str(old, "spec", "scope"))
        {
            errors.Add(FieldError.Invalid("spec.scope", Jn.Get(obj, "spec", "scope"), "field is immutable"));
        }
    }

    public override void BeforeDelete(JsonObject obj)
    {
        var meta = Jn.Meta(obj);
        var finalizers = Jn.Strings(meta["finalizers"]);
        if (!finalizers.Contains(CleanupFinalizer))
        {
            finalizers.Add(CleanupFinalizer);
        }
        meta["finalizers"] = Jn.StringArray(finalizers);
    }

    public override void AfterWrite(JsonObject stored, bool deleted, ResourceService service)
    {
        var group = Jn.Str(stored, "spec", "group") ?? "";
        var plural = Jn.Str(stored, "spec", "names", "plural") ?? "";
        if (deleted)
        {
            if (service.Registry.FindByGroupResource(group, plural) is { IsCustom: true } gone)
            {
                service.Registry.Unregister(group, plural);
                service.Strategies.Remove(gone.StorageTable);
            }
            return;
        }
        var type = CrdRegistration.ToResourceType(stored);
        var crdType = service.Type("apiextensions.k8s.io", "customresourcedefinitions");
        if (type is null || service.TryGetStored(crdType, null, Jn.Name(stored)) is null)
        {
            return;
        }
        service.Registry.Register(type);
        service.Strategies.Set(type.StorageTable, new CustomResourceStrategy(type));
        if (service.TryGetStored(crdType, null, Jn.Name(stored)) is null)
        {
            // Removed concurrently (the cleanup controller finished): do not leave it served.
            service.Registry.Unregister(group, plural);
            return;
        }
        CrdRegistration.UpdateStatus(stored, service);
    }
}
