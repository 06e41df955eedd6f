using System.Text;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Secrets: stringData is folded into data (base64) and never stored; type defaults to Opaque.</summary>
public sealed class SecretStrategy : KindStrategy
{
    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx) => Fold(obj);

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => Fold(obj);

    private static void Fold(JsonObject obj)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject sd)
        {
            var data = Jn.Ensure(obj, "data");
            foreach (var (k, v) in sd)
            {
                data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Jn.ScalarText(v)));
            }
            obj.Remove("stringData");
        }
    }
}
