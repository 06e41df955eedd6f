using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>
/// Namespaces: the "kubernetes" spec finalizer that the namespace controller clears (through /finalize)
/// after deleting the contents, phase Active/Terminating, and the kubernetes.io/metadata.name label.
/// </summary>
public sealed class NamespaceStrategy : KindStrategy
{
    public override NameRule NameRule => NameRule.Label;

    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        Jn.Ensure(obj, "spec")["finalizers"] = new JsonArray("kubernetes");
        obj["status"] = new JsonObject { ["phase"] = "Active" };
        Jn.Ensure(obj, "metadata", "labels")["kubernetes.io/metadata.name"] = Jn.Name(obj);
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        if (ctx.Subresource == "finalize")
        {
            var finalizers = Jn.Get(obj, "spec", "finalizers")?.DeepClone();
            foreach (var key in obj.Select(kv => kv.Key).ToList())
            {
                obj.Remove(key);
            }
            foreach (var (k, v) in old)
            {
                obj[k] = v?.DeepClone();
            }
            Jn.Ensure(obj, "spec")["finalizers"] = finalizers ?? new JsonArray();
            return;
        }
        if (Jn.Get(old, "spec", "finalizers") is { } f)
        {
            Jn.Ensure(obj, "spec")["finalizers"] = f.DeepClone();
        }
        Jn.Ensure(obj, "metadata", "labels")["kubernetes.io/metadata.name"] = Jn.Name(obj);
    }

    public override void BeforeDelete(JsonObject obj) => Jn.Ensure(obj, "status")["phase"] = "Terminating";

    public override bool HasPendingFinalization(JsonObject obj) => Jn.ArrAt(obj, "spec", "finalizers") is { Count: > 0 };
}
