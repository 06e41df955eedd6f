using System.Text.Json;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Client;

/// <summary>List decoding: items are read one by one with the item type's metadata, so no per-T list type has to be registered.</summary>
public sealed partial class ResourceClient<T>
{
    internal KubernetesList<T> ReadList(byte[] body)
    {
        var list = new KubernetesList<T>();
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("A list response is not a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "apiVersion":
                    list.ApiVersion = reader.GetString();
                    break;
                case "kind":
                    list.Kind = reader.GetString();
                    break;
                case "metadata":
                    list.Metadata = JsonSerializer.Deserialize(ref reader, KubernetesJsonContext.Default.ListMeta) ?? new();
                    break;
                case "items" when reader.TokenType == JsonTokenType.StartArray:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        list.Items.Add(JsonSerializer.Deserialize(ref reader, _typeInfo)!);
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return list;
    }

    internal WatchEvent<T> ReadEvent(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var typeElement) || !root.TryGetProperty("object", out var obj))
        {
            throw new JsonException("The watch stream holds a value that is not a watch event.");
        }

        var type = typeElement.GetString() switch
        {
            "ADDED" => WatchEventType.Added,
            "MODIFIED" => WatchEventType.Modified,
            "DELETED" => WatchEventType.Deleted,
            "BOOKMARK" => WatchEventType.Bookmark,
            "ERROR" => WatchEventType.Error,
            var other => throw new JsonException($"Unknown watch event type {other}."),
        };
        return type == WatchEventType.Error
            ? new WatchEvent<T>(type, null, obj.Deserialize(KubernetesJsonContext.Default.ApiStatus))
            : new WatchEvent<T>(type, obj.Deserialize(_typeInfo), null);
    }
}
