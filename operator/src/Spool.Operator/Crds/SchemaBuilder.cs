using System.Collections;
using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Spool.Kubernetes.Serialization;

namespace Spool.Operator.Crds;

/// <summary>
/// Structural OpenAPI v3 schemas from C# types and the attributes in this namespace: every node typed, maps as
/// additionalProperties, free-form objects marked x-kubernetes-preserve-unknown-fields, defaults taken from C# initializers.
/// </summary>
public sealed class SchemaBuilder(JsonSerializerOptions json)
{
    public JsonObject ForType(Type type) => ForType(type, null);

    private JsonObject ForType(Type type, PropertyInfo? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var schema = new JsonObject();
        if ((property?.GetCustomAttribute<DescriptionAttribute>()?.Description ?? type.GetCustomAttribute<DescriptionAttribute>()?.Description) is { } description)
        {
            schema["description"] = description;
        }

        var quantity = property?.GetCustomAttribute<QuantityAttribute>() is not null;
        if (type == typeof(string))
        {
            schema["type"] = "string";
            if (quantity)
            {
                schema["pattern"] = QuantityAttribute.Pattern;
            }
        }
        else if (type == typeof(bool))
        {
            schema["type"] = "boolean";
        }
        else if (type == typeof(int) || type == typeof(short))
        {
            schema["type"] = "integer";
            schema["format"] = "int32";
        }
        else if (type == typeof(long))
        {
            schema["type"] = "integer";
            schema["format"] = "int64";
        }
        else if (type == typeof(double) || type == typeof(float))
        {
            schema["type"] = "number";
        }
        else if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            schema["type"] = "string";
            schema["format"] = "date-time";
        }
        else if (type.IsEnum)
        {
            schema["type"] = "string";
            schema["enum"] = new JsonArray([.. EnumValues(type).Select(v => (JsonNode)JsonValue.Create(v))]);
        }
        else if (type == typeof(IntOrString) || property?.GetCustomAttribute<IntOrStringAttribute>() is not null)
        {
            IntOrStringSchema(schema, quantity);
        }
        else if (type == typeof(JsonObject))
        {
            schema["type"] = "object";
            schema["x-kubernetes-preserve-unknown-fields"] = true;
        }
        else if (DictionaryValueType(type) is { } valueType)
        {
            schema["type"] = "object";
            JsonObject values;
            if (quantity)
            {
                values = [];
                IntOrStringSchema(values, quantity: true);
            }
            else
            {
                values = ForType(valueType, null);
                values.Remove("description");
            }

            schema["additionalProperties"] = values;
        }
        else if (ListItemType(type) is { } itemType)
        {
            schema["type"] = "array";
            var items = ForType(itemType, null);
            items.Remove("description");
            if (property?.GetCustomAttribute<ListMapKeysAttribute>() is { } mapKeys)
            {
                schema["x-kubernetes-list-type"] = "map";
                schema["x-kubernetes-list-map-keys"] = new JsonArray([.. mapKeys.Keys.Select(k => (JsonNode)JsonValue.Create(k))]);
                var required = items["required"] as JsonArray ?? [];
                foreach (var key in mapKeys.Keys.Where(k => !required.Any(r => r?.GetValue<string>() == k)))
                {
                    required.Add((JsonNode)key);
                }

                items["required"] = required;
            }

            schema["items"] = items;
        }
        else if (type.IsClass)
        {
            ObjectSchema(schema, type);
        }
        else
        {
            throw new NotSupportedException($"No schema mapping for {type} ({property?.DeclaringType?.Name}.{property?.Name}).");
        }

        if (property is not null)
        {
            AddValidation(schema, property);
        }

        return schema;
    }

    private void ObjectSchema(JsonObject schema, Type type)
    {
        schema["type"] = "object";
        var properties = new JsonObject();
        var required = new JsonArray();
        object? instance = null;
        foreach (var property in SerializedProperties(type))
        {
            var name = JsonName(property);
            var child = ForType(property.PropertyType, property);
            if (property.GetCustomAttribute<DefaultedAttribute>() is not null)
            {
                instance ??= Activator.CreateInstance(type) ?? throw new InvalidOperationException($"{type.Name} has no parameterless constructor for its defaults.");
                var value = property.GetValue(instance) ?? throw new InvalidOperationException($"{type.Name}.{property.Name} is [Defaulted] but starts out null.");
                child["default"] = JsonSerializer.SerializeToNode(value, json.GetTypeInfo(property.PropertyType));
            }

            properties[name] = child;
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add((JsonNode)name);
            }
        }

        if (properties.Count > 0)
        {
            schema["properties"] = properties;
        }

        if (required.Count > 0)
        {
            schema["required"] = required;
        }
    }

    private static void AddValidation(JsonObject schema, PropertyInfo property)
    {
        if (property.GetCustomAttribute<MinimumAttribute>() is { } minimum)
        {
            schema["minimum"] = minimum.Value;
        }

        if (property.GetCustomAttribute<MaximumAttribute>() is { } maximum)
        {
            schema["maximum"] = maximum.Value;
        }

        if (property.GetCustomAttribute<PatternAttribute>() is { } pattern)
        {
            schema["pattern"] = pattern.Pattern;
        }

        if (property.GetCustomAttribute<LengthAttribute>() is { } length)
        {
            var array = schema["type"]?.GetValue<string>() == "array";
            if (length.Minimum >= 0)
            {
                schema[array ? "minItems" : "minLength"] = length.Minimum;
            }

            if (length.Maximum >= 0)
            {
                schema[array ? "maxItems" : "maxLength"] = length.Maximum;
            }
        }
    }

    /// <summary>What kubectl and controller-gen publish for intstr.IntOrString.</summary>
    private static void IntOrStringSchema(JsonObject schema, bool quantity)
    {
        schema.Remove("type");
        schema["anyOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, new JsonObject { ["type"] = "string" });
        if (quantity)
        {
            schema["pattern"] = QuantityAttribute.Pattern;
        }

        schema["x-kubernetes-int-or-string"] = true;
    }

    /// <summary>Public read-write properties that reach JSON, in declaration order.</summary>
    public static IEnumerable<PropertyInfo> SerializedProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
            .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null)
            .OrderBy(p => p.DeclaringType == type ? 1 : 0)
            .ThenBy(p => p.MetadataToken);

    public static string JsonName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    public static IEnumerable<string> EnumValues(Type type) =>
        type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .OrderBy(f => Convert.ToInt64(f.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture))
            .Select(f => f.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? f.Name);

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() is var definition
        && (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
        && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static Type? ListItemType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
        : null;
}
