using System.Text.Json.Nodes;

namespace Spool.Operator.Reconcilers;

/// <summary>
/// A merge patch that makes the stored status equal to a new one: fields the new status lacks are set to null (merge
/// patch's removal), lists are replaced whole. Null when nothing changed, so a steady state writes nothing.
/// </summary>
public static class StatusPatch
{
    public static JsonObject? Create(JsonNode? previous, JsonObject next)
    {
        if (JsonNode.DeepEquals(previous, next))
        {
            return null;
        }

        var status = (JsonObject)next.DeepClone();
        if (previous is JsonObject old)
        {
            foreach (var (key, _) in old)
            {
                if (!next.ContainsKey(key))
                {
                    status[key] = null;
                }
            }
        }

        return new JsonObject { ["status"] = status };
    }
}
