using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Pods: defaults, the update restrictions, and graceful deletion once bound to a node.</summary>
public sealed class PodStrategy : KindStrategy
{
    public override bool ReturnDeletedObject => true;

    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        var spec = Jn.Ensure(obj, "spec");
        PodDefaults.ApplySpec(spec);
        spec["serviceAccountName"] ??= "default";
        spec["serviceAccount"] ??= spec["serviceAccountName"]!.DeepClone();
        spec["enableServiceLinks"] ??= true;
        spec["priority"] ??= 0;
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        if (Jn.ObjAt(obj, "spec") is { } spec)
        {
            PodDefaults.ApplySpec(spec);
        }
    }

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors)
    {
        if (Jn.ArrAt(obj, "spec", "containers") is not { Count: > 0 } containers)
        {
            errors.Add(FieldError.Required("spec.containers"));
            return;
        }
        for (var i = 0; i < containers.Count; i++)
        {
            var name = Jn.Str(containers[i], "name");
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(FieldError.Required($"spec.containers[{i}].name"));
            }
            else
            {
                MetaValidation.ValidateName(name, NameRule.Label, errors, $"spec.containers[{i}].name");
            }
            if (string.IsNullOrEmpty(Jn.Str(containers[i], "image")))
            {
                errors.Add(FieldError.Required($"spec.containers[{i}].image"));
            }
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
        foreach (var s in new[] { a, b })
        {
            foreach (var list in new[] { "containers", "initContainers" })
            {
                foreach (var c in (s[list] as JsonArray ?? []).OfType<JsonObject>())
                {
                    c.Remove("image");
                }
            }
            s.Remove("activeDeadlineSeconds");
            s.Remove("tolerations");
            s.Remove("schedulingGates");
        }
        // Binding (the scheduler setting nodeName once) is the one other change allowed.
        if (string.IsNullOrEmpty(Jn.Str(b, "nodeName")))
        {
            a.Remove("nodeName");
            b.Remove("nodeName");
        }
        if (!Jn.DeepEquals(a, b))
        {
            errors.Add(FieldError.Forbidden("spec",
                "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"));
        }
    }

    public override long? GracefulDeletionSeconds(JsonObject obj, DeleteOptions options)
    {
        var phase = Jn.Str(obj, "status", "phase");
        if (string.IsNullOrEmpty(Jn.Str(obj, "spec", "nodeName")) || phase is "Succeeded" or "Failed")
        {
            return 0;
        }
        var grace = options.GracePeriodSeconds ?? Jn.Long(obj, "spec", "terminationGracePeriodSeconds") ?? 30;
        return Math.Max(0, grace);
    }

    private static string QosClass(JsonObject spec)
    {
        var containers = (spec["containers"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var anyResources = containers.Any(c => Jn.ObjAt(c, "resources", "requests") is { Count: > 0 } || Jn.ObjAt(c, "resources", "limits") is { Count: > 0 });
        if (!anyResources)
        {
            return "BestEffort";
        }
        var guaranteed = containers.All(c =>
        {
            var limits = Jn.ObjAt(c, "resources", "limits");
            var requests = Jn.ObjAt(c, "resources", "requests");
            return limits?["cpu"] is not null && limits["memory"] is not null
                && (requests is null || (Jn.DeepEquals(requests["cpu"] ?? limits["cpu"], limits["cpu"]) && Jn.DeepEquals(requests["memory"] ?? limits["memory"], limits["memory"])));
        });
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
