using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Controller ownerReferences: the garbage collector deletes children with their owner, and the owner's controller
/// is woken by changes to them. Setting blockOwnerDeletion needs "update" on the owner's "finalizers" subresource
/// (for example clusters/finalizers) where the OwnerReferencesPermissionEnforcement admission plugin is enabled.
/// </summary>
public static class OwnerReferences
{
    public static OwnerReference ControllerReference(IKubernetesObject owner) => new()
    {
        ApiVersion = owner.ApiVersion ?? throw new ArgumentException("The owner has no apiVersion."),
        Kind = owner.Kind ?? throw new ArgumentException("The owner has no kind."),
        Name = owner.Metadata.Name ?? throw new ArgumentException("The owner has no name."),
        Uid = owner.Metadata.Uid ?? throw new ArgumentException("The owner has no uid: use the object as read from the API."),
        Controller = true,
        BlockOwnerDeletion = true,
    };

    /// <summary>Makes <paramref name="owner"/> the controller of <paramref name="owned"/>; refuses to steal it from another controller.</summary>
    public static void SetController(IKubernetesObject owned, IKubernetesObject owner)
    {
        if (!string.IsNullOrEmpty(owner.Metadata.Namespace) && owner.Metadata.Namespace != owned.Metadata.Namespace)
        {
            throw new ArgumentException($"A namespaced owner ({owner.Metadata.Namespace}) cannot own an object in another namespace ({owned.Metadata.Namespace}).");
        }

        var reference = ControllerReference(owner);
        var references = owned.Metadata.OwnerReferences ??= [];
        if (GetController(owned) is { } existing && existing.Uid != reference.Uid)
        {
            throw new InvalidOperationException($"{owned.Kind} {owned.Metadata.Name} is already controlled by {existing.Kind} {existing.Name}.");
        }

        references.RemoveAll(r => r.Uid == reference.Uid);
        references.Add(reference);
    }

    public static OwnerReference? GetController(IKubernetesObject value) =>
        value.Metadata.OwnerReferences?.Find(r => r.Controller == true);

    public static bool IsControlledBy(IKubernetesObject value, IKubernetesObject owner) =>
        GetController(value)?.Uid is { } uid && uid == owner.Metadata.Uid;
}
