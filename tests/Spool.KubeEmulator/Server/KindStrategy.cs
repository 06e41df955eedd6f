using System.Text.Json.Nodes;
using Spool.KubeEmulator.Schema;

namespace Spool.KubeEmulator.Server;

/// <summary>
/// Per-kind write behaviour (the apiserver's RESTCreateStrategy/RESTUpdateStrategy): defaulting,
/// server-set fields, validation and immutability. The base does nothing beyond name rules.
/// </summary>
public class KindStrategy
{
    public static KindStrategy Default { get; } = new();

    public virtual NameRule NameRule => NameRule.Subdomain;

    /// <summary>Sets defaults and initial status on a new object (status from the request is already dropped).</summary>
    public virtual void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
    }

    /// <summary>Defaults on update; old is the stored object.</summary>
    public virtual void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
    }

    public virtual void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors)
    {
    }

    public virtual void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
    }

    /// <summary>Whether a delete of this object waits for something (pods: graceful termination by the kubelet).</summary>
    public virtual long? GracefulDeletionSeconds(JsonObject obj, DeleteOptions options) => null;

    /// <summary>Adjusts an object that is about to get a deletionTimestamp (CRDs add their cleanup finalizer).</summary>
    public virtual void BeforeDelete(JsonObject obj)
    {
    }

    /// <summary>Whether something other than metadata.finalizers holds the deletion (namespace spec.finalizers).</summary>
    public virtual bool HasPendingFinalization(JsonObject obj) => false;

    /// <summary>Runs after a committed write, outside the store lock (CRD registration).</summary>
    public virtual void AfterWrite(JsonObject stored, bool deleted, ResourceService service)
    {
    }

    /// <summary>Whether an immediate delete answers with the object (pods) instead of a Status.</summary>
    public virtual bool ReturnDeletedObject => false;
}
