using System.Text.Json;
using System.Text.Json.Serialization;

namespace Spool.Kubernetes.Serialization;

/// <summary>Reads and writes <see cref="IntOrString"/> as a JSON number or string, as the API does.</summary>
public sealed class IntOrStringConverter : JsonConverter<IntOrString>
{
    public override IntOrString Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number ? new IntOrString(reader.GetInt32()) : new IntOrString(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, IntOrString value, JsonSerializerOptions options)
    {
        if (value.IsString)
        {
            writer.WriteStringValue(value.StringValue);
        }
        else
        {
            writer.WriteNumberValue(value.IntValue);
        }
    }
}
