using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Deployments are stored with their defaults and an immutable selector (no controller runs them).</summary>
public sealed class DeploymentStrategy : KindStrategy
{
    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        Defaults(obj);
        obj["status"] = new JsonObject();
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => Defaults(obj);

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors) =>
        WorkloadValidation.SelectorMatchesTemplate(obj, errors);

    public override void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
        if (ctx.Subresource is null && !Jn.DeepEquals(Jn.Get(obj, "spec", "selector"), Jn.Get(old, "spec", "selector")))
        {
            errors.Add(FieldError.Invalid("spec.selector", Jn.Get(obj, "spec", "selector"), "field is immutable"));
        }
    }

    private static void Defaults(JsonObject obj)
    {
        var spec = Jn.Ensure(obj, "spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        var strategy = Jn.Ensure(spec, "strategy");
        strategy["type"] ??= "RollingUpdate";
        if (Jn.Str(strategy, "type") == "RollingUpdate")
        {
            var ru = Jn.Ensure(strategy, "rollingUpdate");
            ru["maxUnavailable"] ??= "25%";
            ru["maxSurge"] ??= "25%";
        }
        PodDefaults.ApplySpec(Jn.Ensure(spec, "template", "spec"));
    }
}
