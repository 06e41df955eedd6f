using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Schema;

/// <summary>
/// OpenAPI v3 value validation of custom resources with the apiserver's error texts (go-openapi
/// messages mapped to field errors by apiextensions-apiserver), e.g.
/// "spec.partitions: Invalid value: -1: spec.partitions in body should be greater than or equal to 1".
/// CEL rules (x-kubernetes-validations) are not evaluated.
/// </summary>
public static partial class SchemaValidator
{
    public static List<FieldError> ValidateRoot(JsonObject obj, JsonObject schema)
    {
        var errors = new List<FieldError>();
        if (schema["properties"] is JsonObject props)
        {
            foreach (var (name, ps) in props)
            {
                if (name is "metadata" or "apiVersion" or "kind" || ps is not JsonObject propSchema)
                {
                    continue;
                }
                if (obj.TryGetPropertyValue(name, out var value))
                {
                    Validate(value, propSchema, name, errors);
                }
            }
        }
        foreach (var r in Jn.Strings(schema["required"]))
        {
            if (!obj.ContainsKey(r))
            {
                errors.Add(FieldError.Required(r));
            }
        }
        return errors;
    }

    public static void Validate(JsonNode? node, JsonObject schema, string path, List<FieldError> errors)
    {
        var type = Jn.Str(schema, "type");
        var intOrString = Jn.Bool(schema, "x-kubernetes-int-or-string") == true;
        if (node is null)
        {
            if (Jn.Bool(schema, "nullable") != true && (type is not null || intOrString))
            {
                errors.Add(new FieldError(path, "Invalid value", "FieldValueTypeInvalid", "\"null\"",
                    $"{path} in body must be of type {(intOrString ? "integer,string" : type)}: \"null\""));
            }
            return;
        }
        var actual = TypeName(node);
        if (intOrString)
        {
            if (actual is not ("integer" or "string"))
            {
                errors.Add(new FieldError(path, "Invalid value", "FieldValueTypeInvalid", FieldError.Quote(actual),
                    $"{path} in body must be of type integer,string: \"{actual}\""));
                return;
            }
        }
        else if (type is not null && !TypeMatches(type, actual))
        {
            errors.Add(new FieldError(path, "Invalid value", "FieldValueTypeInvalid", FieldError.Quote(actual),
                $"{path} in body must be of type {type}: \"{actual}\""));
            return;
        }

        if (schema["enum"] is JsonArray en && !en.Any(e => Jn.DeepEquals(e, node)))
        {
            errors.Add(FieldError.NotSupported(path, node, en.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : Jn.Serialize(e))));
        }

        switch (node)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                ValidateString(v.GetValue<string>(), node, schema, path, errors);
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                ValidateNumber(Jn.Number(v), node, schema, path, errors);
                break;
            case JsonArray a:
                ValidateArray(a, schema, path, errors);
                break;
            case JsonObject o:
                ValidateObject(o, schema, path, errors);
                break;
        }
        ValidateCombinators(node, schema, path, errors);
    }

    private static string TypeName(JsonNode node) => node switch
    {
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            JsonValueKind.Number => Jn.IsInteger(v, out _) ? "integer" : "number",
            _ => "null",
        },
        _ => "null",
    };

    private static bool TypeMatches(string type, string actual) =>
        type == actual || (type == "number" && actual == "integer");

    private static string Num(double d) =>
        Math.Abs(d % 1) < double.Epsilon && Math.Abs(d) < 1e15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);

    private static void ValidateString(string s, JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        var length = s.EnumerateRunes().Count();
        if (Jn.Long(schema, "maxLength") is { } max && length > max)
        {
            errors.Add(FieldError.TooLong(path, max));
        }
        if (Jn.Long(schema, "minLength") is { } min && length < min)
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should be at least {min} chars long"));
        }
        if (Jn.Str(schema, "pattern") is { } pattern && !Regex.IsMatch(s, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body should match '{pattern}'"));
        }
        if (Jn.Str(schema, "format") is { } format && !FormatMatches(format, s))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body must be of type {format}: \"{s}\""));
        }
    }

    private static bool FormatMatches(string format, string s) => format switch
    {
        "date-time" or "datetime" => DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && s.Contains('T', StringComparison.OrdinalIgnoreCase),
        "date" => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uuid" => Guid.TryParse(s, out _),
        "ipv4" => IPAddress.TryParse(s, out var a4) && a4.AddressFamily == AddressFamily.InterNetwork && s.Count(c => c == '.') == 3,
        "ipv6" => IPAddress.TryParse(s, out var a6) && a6.AddressFamily == AddressFamily.InterNetworkV6,
        "byte" => IsBase64(s),
        "hostname" => HostnamePattern().IsMatch(s) && s.Length <= 255,
        _ => true,
    };

    private static bool IsBase64(string s)
    {
        Span<byte> buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }

    private static void ValidateNumber(double d, JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["minimum"] is JsonValue minV)
        {
            var min = Jn.Number(minV);
            var exclusive = Jn.Bool(schema, "exclusiveMinimum") == true;
            if (exclusive ? d <= min : d < min)
            {
                errors.Add(FieldError.Invalid(path, node, $"{path} in body should be greater than {(exclusive ? "" : "or equal to ")}{Num(min)}"));
            }
        }
        if (schema["maximum"] is JsonValue maxV)
        {
            var max = Jn.Number(maxV);
            var exclusive = Jn.Bool(schema, "exclusiveMaximum") == true;
            if (exclusive ? d >= max : d > max)
            {
                errors.Add(FieldError.Invalid(path, node, $"{path} in body should be less than {(exclusive ? "" : "or equal to ")}{Num(max)}"));
            }
        }
        if (schema["multipleOf"] is JsonValue mo)
        {
            var m = Jn.Number(mo);
            if (m > 0 && Math.Abs(Math.IEEERemainder(d, m)) > 1e-9)
            {
                errors.Add(FieldError.Invalid(path, node, $"{path} in body should be a multiple of {Num(m)}"));
            }
        }
    }

    private static void ValidateArray(JsonArray a, JsonObject schema, string path, List<FieldError> errors)
    {
        if (Jn.Long(schema, "maxItems") is { } max && a.Count > max)
        {
            errors.Add(FieldError.TooMany(path, a.Count, max));
        }
        if (Jn.Long(schema, "minItems") is { } min && a.Count < min)
        {
            errors.Add(FieldError.InvalidText(path, a.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {min} items"));
        }
        var listType = Jn.Str(schema, "x-kubernetes-list-type");
        if (Jn.Bool(schema, "uniqueItems") == true && HasDuplicates(a))
        {
            errors.Add(FieldError.Invalid(path, a, $"{path} in body shouldn't contain duplicates"));
        }
        if (listType == "set")
        {
            for (var i = 0; i < a.Count; i++)
            {
                if (a.Take(i).Any(x => Jn.DeepEquals(x, a[i])))
                {
                    errors.Add(FieldError.Duplicate($"{path}[{i}]", a[i]));
                }
            }
        }
        else if (listType == "map")
        {
            var keys = Jn.Strings(schema["x-kubernetes-list-map-keys"]);
            for (var i = 0; i < a.Count; i++)
            {
                var current = a[i];
                if (a.Take(i).Any(x => keys.All(k => Jn.DeepEquals(Jn.Get(x, k), Jn.Get(current, k)))))
                {
                    var key = new JsonObject();
                    foreach (var k in keys)
                    {
                        key[k] = Jn.Get(current, k)?.DeepClone();
                    }
                    errors.Add(new FieldError($"{path}[{i}]", "Duplicate value", "FieldValueDuplicate", Jn.Serialize(key), ""));
                }
            }
        }
        if (schema["items"] is JsonObject items)
        {
            for (var i = 0; i < a.Count; i++)
            {
                Validate(a[i], items, $"{path}[{i}]", errors);
            }
        }
    }

    private static bool HasDuplicates(JsonArray a)
    {
        for (var i = 0; i < a.Count; i++)
        {
            for (var j = i + 1; j < a.Count; j++)
            {
                if (Jn.DeepEquals(a[i], a[j]))
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static void ValidateObject(JsonObject o, JsonObject schema, string path, List<FieldError> errors)
    {
        foreach (var r in Jn.Strings(schema["required"]))
        {
            if (!o.ContainsKey(r))
            {
                errors.Add(FieldError.Required($"{path}.{r}"));
            }
        }
        if (Jn.Long(schema, "maxProperties") is { } maxP && o.Count > maxP)
        {
            errors.Add(FieldError.TooMany(path, o.Count, maxP));
        }
        if (Jn.Long(schema, "minProperties") is { } minP && o.Count < minP)
        {
            errors.Add(FieldError.InvalidText(path, o.Count.ToString(CultureInfo.InvariantCulture), $"{path} in body should have at least {minP} properties"));
        }
        var props = schema["properties"] as JsonObject;
        foreach (var (key, value) in o)
        {
            if (props?[key] is JsonObject ps)
            {
                Validate(value, ps, $"{path}.{key}", errors);
            }
            else if (schema["additionalProperties"] is JsonObject aps)
            {
                Validate(value, aps, $"{path}.{key}", errors);
            }
        }
    }

    private static void ValidateCombinators(JsonNode node, JsonObject schema, string path, List<FieldError> errors)
    {
        if (schema["allOf"] is JsonArray allOf)
        {
            foreach (var s in allOf.OfType<JsonObject>())
            {
                Validate(node, s, path, errors);
            }
        }
        if (schema["anyOf"] is JsonArray anyOf && anyOf.Count > 0 && !anyOf.OfType<JsonObject>().Any(s => Passes(node, s, path)))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body must validate at least one schema (anyOf)"));
        }
        if (schema["oneOf"] is JsonArray oneOf && oneOf.Count > 0 && oneOf.OfType<JsonObject>().Count(s => Passes(node, s, path)) != 1)
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body must validate one and only one schema (oneOf)"));
        }
        if (schema["not"] is JsonObject not && Passes(node, not, path))
        {
            errors.Add(FieldError.Invalid(path, node, $"{path} in body must not validate the schema (not)"));
        }
    }

    private static bool Passes(JsonNode node, JsonObject schema, string path)
    {
        var errs = new List<FieldError>();
        Validate(node, schema, path, errs);
        return errs.Count == 0;
    }

    [GeneratedRegex(@"^[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([-a-zA-Z0-9]{0,61}[a-zA-Z0-9])?)*$")]
    private static partial Regex HostnamePattern();
}
