using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Serialization;

/// <summary>Source-generated metadata for every built-in type the client reads or writes.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(JsonArray))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(ApiStatus))]
[JsonSerializable(typeof(ListMeta))]
[JsonSerializable(typeof(DeleteOptions))]
[JsonSerializable(typeof(ConfigMap))]
[JsonSerializable(typeof(Secret))]
[JsonSerializable(typeof(Service))]
[JsonSerializable(typeof(Pod))]
[JsonSerializable(typeof(PersistentVolumeClaim))]
[JsonSerializable(typeof(Event))]
[JsonSerializable(typeof(StatefulSet))]
[JsonSerializable(typeof(Deployment))]
[JsonSerializable(typeof(PodDisruptionBudget))]
[JsonSerializable(typeof(Lease))]
[JsonSerializable(typeof(CustomResourceDefinition))]
[JsonSerializable(typeof(ApiVersions))]
[JsonSerializable(typeof(ApiGroupList))]
[JsonSerializable(typeof(ApiResourceList))]
[JsonSerializable(typeof(List<PolicyRule>))]
public sealed partial class KubernetesJsonContext : JsonSerializerContext;
