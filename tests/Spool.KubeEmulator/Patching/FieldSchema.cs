using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Patching;

/// <summary>
/// Just enough schema to merge and track ownership: list types and map keys. Custom resources read
/// them from their openAPIV3Schema (x-kubernetes-list-type, x-kubernetes-list-map-keys,
/// x-kubernetes-map-type); built-in kinds use the patch strategies of the Kubernetes Go types for the
/// fields the operator touches (containers by name, ports by port, conditions by type, ...).
/// </summary>
public sealed class FieldSchema
{
    private static readonly Dictionary<string, string[]> BuiltinMapLists = new(StringComparer.Ordinal)
    {
        ["containers"] = ["name"],
        ["initContainers"] = ["name"],
        ["ephemeralContainers"] = ["name"],
        ["volumes"] = ["name"],
        ["env"] = ["name"],
        ["imagePullSecrets"] = ["name"],
        ["volumeMounts"] = ["mountPath"],
        ["volumeDevices"] = ["devicePath"],
        ["conditions"] = ["type"],
        ["ownerReferences"] = ["uid"],
        ["hostAliases"] = ["ip"],
        ["secrets"] = ["name"],
        ["topologySpreadConstraints"] = ["topologyKey", "whenUnsatisfiable"],
        ["containerStatuses"] = ["name"],
    };

    private static readonly HashSet<string> BuiltinSets = new(StringComparer.Ordinal) { "finalizers" };

    private readonly JsonObject? _schema;
    private readonly bool _builtin;
    private readonly string _field;

    private FieldSchema(JsonObject? schema, bool builtin, string field)
    {
        _schema = schema;
        _builtin = builtin;
        _field = field;
    }

    public static FieldSchema Builtin { get; } = new(null, true, "");

    public static FieldSchema For(ResourceType t, string version) =>
        t.IsCustom ? new FieldSchema(t.SchemaFor(version) ?? t.SchemaFor(t.StorageVersion), false, "") : Builtin;

    /// <summary>The schema of property <paramref name="name"/> of this object (or of a map's values).</summary>
    public FieldSchema Field(string name)
    {
        if (_builtin)
        {
            return new FieldSchema(null, true, name);
        }
        // Metadata of a custom resource is ObjectMeta: built-in rules apply below it.
        if (_field.Length == 0 && name == "metadata")
        {
            return new FieldSchema(null, true, "metadata");
        }
        if (_schema is null)
        {
            return new FieldSchema(null, false, name);
        }
        if (Jn.ObjAt(_schema, "properties", name) is { } p)
        {
            return new FieldSchema(p, false, name);
        }
        return _schema["additionalProperties"] is JsonObject ap ? new FieldSchema(ap, false, name) : new FieldSchema(null, false, name);
    }

    public FieldSchema Items => _builtin
        ? new FieldSchema(null, true, _field + "[]")
        : new FieldSchema(_schema?["items"] as JsonObject, false, _field + "[]");

    public ListType ListType
    {
        get
        {
            if (_builtin)
            {
                return BuiltinSets.Contains(_field) ? ListType.Set : BuiltinMapLists.ContainsKey(_field) || _field == "ports" ? ListType.Map : ListType.Atomic;
            }
            return Jn.Str(_schema, "x-kubernetes-list-type") switch
            {
                "set" => ListType.Set,
                "map" => ListType.Map,
                _ => ListType.Atomic,
            };
        }
    }

    /// <summary>Whether a map is replaced as a whole (x-kubernetes-map-type: atomic).</summary>
    public bool IsAtomicMap => !_builtin && Jn.Str(_schema, "x-kubernetes-map-type") == "atomic";

    /// <summary>Key fields of an associative list; container and service ports differ, so items decide.</summary>
    public IReadOnlyList<string> MapKeys(JsonArray? items)
    {
        if (!_builtin)
        {
            return Jn.Strings(_schema?["x-kubernetes-list-map-keys"]);
        }
        if (_field == "ports")
        {
            var container = items?.OfType<JsonObject>().Any(i => i.ContainsKey("containerPort")) ?? false;
            return container ? ["containerPort", "protocol"] : ["port", "protocol"];
        }
        return BuiltinMapLists.TryGetValue(_field, out var keys) ? keys : [];
    }
}
