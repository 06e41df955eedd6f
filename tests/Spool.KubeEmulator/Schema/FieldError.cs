using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Schema;

/// <summary>
/// A field validation error rendered like k8s.io/apimachinery/pkg/util/validation/field.Error:
/// "&lt;field&gt;: &lt;Type&gt;[: &lt;value&gt;][: &lt;detail&gt;]".
/// </summary>
public sealed record FieldError(string Field, string Type, string Reason, string? ValueText, string Detail)
{
    /// <summary>The part after "field: ", as used in Status causes.</summary>
    public string Body
    {
        get
        {
            var s = ValueText is null ? Type : $"{Type}: {ValueText}";
            return Detail.Length > 0 ? $"{s}: {Detail}" : s;
        }
    }

    public override string ToString() => Field.Length == 0 ? Body : $"{Field}: {Body}";

    public static FieldError Required(string field, string detail = "") => new(field, "Required value", "FieldValueRequired", null, detail);

    public static FieldError Invalid(string field, JsonNode? value, string detail) => new(field, "Invalid value", "FieldValueInvalid", Render(value), detail);

    public static FieldError InvalidText(string field, string valueText, string detail) => new(field, "Invalid value", "FieldValueInvalid", valueText, detail);

    public static FieldError Forbidden(string field, string detail) => new(field, "Forbidden", "FieldValueForbidden", null, detail);

    public static FieldError NotSupported(string field, JsonNode? value, IEnumerable<string> supported) =>
        new(field, "Unsupported value", "FieldValueNotSupported", Render(value),
            "supported values: " + string.Join(", ", supported.Select(Quote)));

    public static FieldError TooLong(string field, long max) =>
        new(field, "Too long", "FieldValueTooLong", null, $"may not be longer than {max.ToString(CultureInfo.InvariantCulture)}");

    public static FieldError TooMany(string field, long actual, long max) =>
        new(field, "Too many", "FieldValueTooMany", actual.ToString(CultureInfo.InvariantCulture), $"must have at most {max.ToString(CultureInfo.InvariantCulture)} items");

    public static FieldError Duplicate(string field, JsonNode? value) => new(field, "Duplicate value", "FieldValueDuplicate", Render(value), "");

    /// <summary>Renders a bad value the way Go's field errors do: strings quoted, numbers and bools bare.</summary>
    public static string Render(JsonNode? value) => value switch
    {
        null => "\"null\"",
        JsonValue v when v.TryGetValue<string>(out var s) => Quote(s),
        JsonValue v => Jn.Serialize(v),
        _ => Jn.Serialize(value),
    };

    public static string Quote(string s) => Jn.Serialize(JsonValue.Create(s));
}
