using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Models;

/// <summary>
/// Base of every typed model. The models carry only the fields the operator uses; unknown fields are kept
/// here so that a read-modify-write (PUT) round-trips everything the server sent instead of erasing it.
/// </summary>
public abstract class KubernetesModel
{
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? ExtensionData { get; set; }
}
