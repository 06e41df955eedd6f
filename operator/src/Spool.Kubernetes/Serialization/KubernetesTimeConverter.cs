using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Serialization;

/// <summary>
/// metav1.Time: RFC 3339 with whole seconds in UTC ("2024-05-01T10:00:00Z"). The API server truncates to
/// seconds anyway; writing the same form keeps server-side apply from seeing spurious changes.
/// </summary>
public sealed class KubernetesTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
}
