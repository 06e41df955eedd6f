using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Serialization;

/// <summary>
/// metav1.MicroTime (Lease acquireTime/renewTime, Event eventTime): the server parses exactly six fractional
/// digits, so .NET's default seven-digit round-trip format would be rejected.
/// </summary>
public sealed class KubernetesMicroTimeConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
}
