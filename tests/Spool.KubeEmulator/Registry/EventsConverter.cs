using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Registry;

/// <summary>
/// events.k8s.io/v1 Events are the same stored objects as core v1 Events with renamed fields
/// (as in the apiserver), so both APIs see each other's writes.
/// </summary>
public sealed class EventsConverter : IVersionConverter
{
    private static readonly (string Served, string Stored)[] Renames =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    public JsonObject ToStorage(JsonObject served) => Rename(served, toStorage: true);

    public JsonObject FromStorage(JsonObject stored) => Rename(stored, toStorage: false);

    private static JsonObject Rename(JsonObject source, bool toStorage)
    {
        var result = new JsonObject();
        foreach (var (key, value) in source)
        {
            var target = key;
            foreach (var (served, stored) in Renames)
            {
                if (toStorage && key == served)
                {
                    target = stored;
                }
                else if (!toStorage && key == stored)
                {
                    target = served;
                }
            }
            result[target] = value?.DeepClone();
        }
        return result;
    }
}
