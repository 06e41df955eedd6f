using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>StatefulSets: defaults, selector/template agreement and the narrow set of mutable spec fields.</summary>
public sealed class StatefulSetStrategy : KindStrategy
{
    private static readonly string[] Mutable =
        ["replicas", "ordinals", "template", "updateStrategy", "persistentVolumeClaimRetentionPolicy", "minReadySeconds", "revisionHistoryLimit"];

    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        Defaults(obj);
        obj["status"] = new JsonObject { ["replicas"] = 0, ["availableReplicas"] = 0 };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => Defaults(obj);

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors)
    {
        WorkloadValidation.SelectorMatchesTemplate(obj, errors);
        if (Jn.Long(obj, "spec", "replicas") is < 0)
        {
            errors.Add(FieldError.Invalid("spec.replicas", Jn.Get(obj, "spec", "replicas"), "must be greater than or equal to 0"));
        }
        var policy = Jn.Str(obj, "spec", "podManagementPolicy");
        if (policy is not ("OrderedReady" or "Parallel"))
        {
            errors.Add(FieldError.NotSupported("spec.podManagementPolicy", JsonValue.Create(policy), ["OrderedReady", "Parallel"]));
        }
        var strategy = Jn.Str(obj, "spec", "updateStrategy", "type");
        if (strategy is not ("RollingUpdate" or "OnDelete"))
        {
            errors.Add(FieldError.NotSupported("spec.updateStrategy.type", JsonValue.Create(strategy), ["OnDelete", "RollingUpdate"]));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
        if (ctx.Subresource is not null)
        {
            return;
        }
        var a = Jn.ObjAt(obj, "spec")?.DeepClone() as JsonObject ?? [];
        var b = Jn.ObjAt(old, "spec")?.DeepClone() as JsonObject ?? [];
        foreach (var f in Mutable)
        {
            a.Remove(f);
            b.Remove(f);
        }
        if (!Jn.DeepEquals(a, b))
        {
            errors.Add(FieldError.Forbidden("spec",
                "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"));
        }
    }

    private static void Defaults(JsonObject obj)
    {
        var spec = Jn.Ensure(obj, "spec");
        spec["replicas"] ??= 1;
        spec["podManagementPolicy"] ??= "OrderedReady";
        spec["revisionHistoryLimit"] ??= 10;
        var strategy = Jn.Ensure(spec, "updateStrategy");
        strategy["type"] ??= "RollingUpdate";
        if (Jn.Str(strategy, "type") == "RollingUpdate")
        {
            Jn.Ensure(strategy, "rollingUpdate")["partition"] ??= 0;
        }
        var retention = Jn.Ensure(spec, "persistentVolumeClaimRetentionPolicy");
        retention["whenDeleted"] ??= "Retain";
        retention["whenScaled"] ??= "Retain";
        PodDefaults.ApplySpec(Jn.Ensure(spec, "template", "spec"));
        foreach (var claim in (spec["volumeClaimTemplates"] as JsonArray ?? []).OfType<JsonObject>())
        {
            claim["apiVersion"] ??= "v1";
            claim["kind"] ??= "PersistentVolumeClaim";
            Jn.Ensure(claim, "spec")["volumeMode"] ??= "Filesystem";
            claim["status"] ??= new JsonObject { ["phase"] = "Pending" };
        }
    }
}
