using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Kinds;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Controllers;

/// <summary>
/// The CRD finalizer controller: a deleted CRD first deletes all its custom resources (honouring their
/// own finalizers), and only when none remain drops its cleanup finalizer and stops being served.
/// </summary>
public sealed class CrdCleanupController(ResourceService service) : Controller(service)
{
    public override string Name => "crd-finalizer";

    protected override void Reconcile(CancellationToken ct)
    {
        var crdType = Service.Type("apiextensions.k8s.io", "customresourcedefinitions");
        foreach (var crd in Service.ListStored(crdType).Where(Jn.IsDeleting))
        {
            if (!ResourceService.HasFinalizer(crd, CrdStrategy.CleanupFinalizer))
            {
                continue;
            }
            var group = Jn.Str(crd, "spec", "group") ?? "";
            var plural = Jn.Str(crd, "spec", "names", "plural") ?? "";
            var type = Service.Registry.FindByGroupResource(group, plural);
            var remaining = 0;
            if (type is not null)
            {
                foreach (var cr in Service.ListStored(type))
                {
                    remaining++;
                    if (!Jn.IsDeleting(cr))
                    {
                        Service.DeleteInternal(type, Jn.Namespace(cr), Jn.Name(cr));
                    }
                }
            }
            if (remaining == 0)
            {
                Service.Mutate(crdType, null, Jn.Name(crd), o => ResourceService.RemoveFinalizer(o, CrdStrategy.CleanupFinalizer), "apiextensions-controller");
            }
        }
    }
}
