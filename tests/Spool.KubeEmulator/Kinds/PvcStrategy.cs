using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>
/// PersistentVolumeClaims: the kubernetes.io/pvc-protection finalizer (added at creation as the admission
/// plugin does, removed by the emulator once no pod uses the claim) and an immutable spec.
/// </summary>
public sealed class PvcStrategy : KindStrategy
{
    public const string ProtectionFinalizer = "kubernetes.io/pvc-protection";

    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        Jn.Ensure(obj, "spec")["volumeMode"] ??= "Filesystem";
        obj["status"] = new JsonObject { ["phase"] = "Pending" };
        var meta = Jn.Meta(obj);
        var finalizers = Jn.Strings(meta["finalizers"]);
        if (!finalizers.Contains(ProtectionFinalizer))
        {
            finalizers.Add(ProtectionFinalizer);
        }
        meta["finalizers"] = Jn.StringArray(finalizers);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) =>
        Jn.Ensure(obj, "spec")["volumeMode"] ??= "Filesystem";

    public override void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
        if (ctx.Subresource is not null)
        {
            return;
        }
        var a = Jn.ObjAt(obj, "spec")?.DeepClone() as JsonObject ?? [];
        var b = Jn.ObjAt(old, "spec")?.DeepClone() as JsonObject ?? [];
        foreach (var s in new[] { a, b })
        {
            (s["resources"] as JsonObject)?.Remove("requests");
            s.Remove("volumeAttributesClassName");
        }
        // The binder fills volumeName once.
        if (string.IsNullOrEmpty(Jn.Str(b, "volumeName")))
        {
            a.Remove("volumeName");
            b.Remove("volumeName");
        }
        if (!Jn.DeepEquals(a, b))
        {
            errors.Add(FieldError.Forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"));
        }
    }
}
