using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Kinds;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Controllers;

/// <summary>
/// Dynamic provisioning, approximated: every pending claim is bound at once (no PersistentVolume
/// objects are created; the kubelet backs each claim with a directory). A deleted claim keeps its
/// pvc-protection finalizer while a non-terminated pod still uses it.
/// </summary>
public sealed class PersistentVolumeController(ResourceService service) : Controller(service)
{
    public override string Name => "persistentvolume-binder";

    protected override void Reconcile(CancellationToken ct)
    {
        var pvcType = Service.Type("", "persistentvolumeclaims");
        var podType = Service.Type("", "pods");
        var pods = Service.ListStored(podType);
        foreach (var pvc in Service.ListStored(pvcType))
        {
            var ns = Jn.Namespace(pvc);
            var name = Jn.Name(pvc);
            if (Jn.IsDeleting(pvc))
            {
                var inUse = pods.Any(p => Jn.Namespace(p) == ns && Jn.Str(p, "status", "phase") is not ("Succeeded" or "Failed")
                    && (Jn.ArrAt(p, "spec", "volumes") ?? []).Any(v => Jn.Str(v, "persistentVolumeClaim", "claimName") == name));
                if (!inUse && ResourceService.HasFinalizer(pvc, PvcStrategy.ProtectionFinalizer))
                {
                    Service.Mutate(pvcType, ns, name, o => ResourceService.RemoveFinalizer(o, PvcStrategy.ProtectionFinalizer), "pvc-protection-controller");
                }
                continue;
            }
            if (Jn.Str(pvc, "status", "phase") == "Bound")
            {
                continue;
            }
            var volumeName = "pvc-" + Jn.Uid(pvc);
            Service.Mutate(pvcType, ns, name, o =>
            {
                Jn.Ensure(o, "spec")["volumeName"] = volumeName;
                var annotations = Jn.Ensure(o, "metadata", "annotations");
                annotations["pv.kubernetes.io/bind-completed"] = "yes";
                annotations["pv.kubernetes.io/bound-by-controller"] = "yes";
            }, "persistentvolume-binder");
            Service.Mutate(pvcType, ns, name, o =>
            {
                o["status"] = new JsonObject
                {
                    ["phase"] = "Bound",
                    ["accessModes"] = Jn.Get(o, "spec", "accessModes")?.DeepClone() ?? new JsonArray("ReadWriteOnce"),
                    ["capacity"] = new JsonObject { ["storage"] = Jn.Get(o, "spec", "resources", "requests", "storage")?.DeepClone() ?? "1Gi" },
                };
            }, "persistentvolume-binder", "status");
        }
    }
}
