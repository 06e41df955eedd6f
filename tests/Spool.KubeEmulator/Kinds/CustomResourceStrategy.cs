using System.Text.Json.Nodes;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Custom resources: prune unknown fields, apply defaults, validate against the version's schema.</summary>
public sealed class CustomResourceStrategy(ResourceType type) : KindStrategy
{
    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx) => PruneAndDefault(obj, ctx);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => PruneAndDefault(obj, ctx);

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors)
    {
        if (Schema(ctx) is { } schema)
        {
            errors.AddRange(SchemaValidator.ValidateRoot(obj, schema));
        }
    }

    private JsonObject? Schema(StrategyContext ctx) => type.SchemaFor(ctx.Version) ?? type.SchemaFor(type.StorageVersion);

    private void PruneAndDefault(JsonObject obj, StrategyContext ctx)
    {
        if (Schema(ctx) is not { } schema)
        {
            return;
        }
        var pruned = StructuralSchema.PruneRoot(obj, schema);
        if (pruned.Count > 0)
        {
            switch (ctx.Options.FieldValidation)
            {
                case "Strict":
                    throw StatusBuilder.BadRequest("strict decoding error: " + string.Join(", ", pruned.Select(p => $"unknown field \"{p}\"")));
                case "Warn":
                    ctx.Options.Warnings.AddRange(pruned.Select(p => $"unknown field \"{p}\""));
                    break;
            }
        }
        StructuralSchema.DefaultRoot(obj, schema);
    }
}
