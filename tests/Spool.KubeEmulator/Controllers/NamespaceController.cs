using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Controllers;

/// <summary>
/// Namespace lifecycle: a "default" ServiceAccount in every namespace (the serviceaccount controller),
/// and for a terminating namespace, deletion of everything in it before its "kubernetes" finalizer is
/// cleared through /finalize and the namespace disappears.
/// </summary>
public sealed class NamespaceController(ResourceService service) : Controller(service)
{
    public override string Name => "namespace-controller";

    protected override void Reconcile(CancellationToken ct)
    {
        var nsType = Service.Type("", "namespaces");
        var saType = Service.Type("", "serviceaccounts");
        foreach (var ns in Service.ListStored(nsType))
        {
            ct.ThrowIfCancellationRequested();
            var name = Jn.Name(ns);
            if (!Jn.IsDeleting(ns))
            {
                if (Service.TryGetStored(saType, name, "default") is null)
                {
                    Service.CreateInternal(saType, name, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = name } }, "kube-controller-manager");
                }
                continue;
            }
            var remaining = 0;
            foreach (var t in Service.Registry.All().Where(t => t.Namespaced && t.StorageTableOverride is null))
            {
                foreach (var obj in Service.ListStored(t, name))
                {
                    remaining++;
                    if (!Jn.IsDeleting(obj))
                    {
                        Service.DeleteInternal(t, name, Jn.Name(obj), "Background");
                    }
                }
            }
            if (remaining == 0 && Jn.ArrAt(ns, "spec", "finalizers") is { Count: > 0 })
            {
                Service.Mutate(nsType, null, name, o => Jn.Ensure(o, "spec")["finalizers"] = new JsonArray(), "namespace-controller", "finalize");
            }
        }
    }
}
