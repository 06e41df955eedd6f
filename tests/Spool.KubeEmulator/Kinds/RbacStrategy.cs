using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>RBAC objects: path-segment names (colons allowed) and rules that say what they grant.</summary>
public sealed class RbacStrategy : KindStrategy
{
    public override NameRule NameRule => NameRule.PathSegment;

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors)
    {
        if (obj["rules"] is JsonArray rules)
        {
            for (var i = 0; i < rules.Count; i++)
            {
                if (Jn.ArrAt(rules[i], "verbs") is not { Count: > 0 })
                {
                    errors.Add(FieldError.Required($"rules[{i}].verbs", "verbs must contain at least one value"));
                }
            }
        }
        if (obj["roleRef"] is JsonObject roleRef)
        {
            if (Jn.Str(roleRef, "kind") is not ("Role" or "ClusterRole"))
            {
                errors.Add(FieldError.NotSupported("roleRef.kind", roleRef["kind"], ["Role", "ClusterRole"]));
            }
            if (string.IsNullOrEmpty(Jn.Str(roleRef, "name")))
            {
                errors.Add(FieldError.Required("roleRef.name"));
            }
        }
        else if (Jn.Str(obj, "kind") is "RoleBinding" or "ClusterRoleBinding")
        {
            errors.Add(FieldError.Required("roleRef"));
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
        if (old["roleRef"] is { } before && !Jn.DeepEquals(before, obj["roleRef"]))
        {
            errors.Add(FieldError.Invalid("roleRef", obj["roleRef"], "cannot change roleRef"));
        }
    }
}
