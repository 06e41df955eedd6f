using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;

namespace Spool.KubeEmulator.Kinds;

/// <summary>The subset of apiextensions validation that catches real mistakes in generated CRDs.</summary>
public static class CrdValidation
{
    public static void Validate(JsonObject crd, List<FieldError> errors)
    {
        var group = Jn.Str(crd, "spec", "group") ?? "";
        var plural = Jn.Str(crd, "spec", "names", "plural") ?? "";
        var kind = Jn.Str(crd, "spec", "names", "kind") ?? "";
        if (group.Length == 0)
        {
            errors.Add(FieldError.Required("spec.group"));
        }
        else if (!group.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(FieldError.Invalid("spec.group", JsonValue.Create(group), "should be a domain with at least one dot"));
        }
        if (plural.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.plural"));
        }
        if (kind.Length == 0)
        {
            errors.Add(FieldError.Required("spec.names.kind"));
        }
        var name = Jn.Name(crd);
        if (plural.Length > 0 && group.Length > 0 && name != $"{plural}.{group}")
        {
            errors.Add(FieldError.Invalid("metadata.name", JsonValue.Create(name), "must be spec.names.plural+\".\"+spec.group"));
        }
        var scope = Jn.Str(crd, "spec", "scope");
        if (scope is not ("Namespaced" or "Cluster"))
        {
            errors.Add(scope is null ? FieldError.Required("spec.scope") : FieldError.NotSupported("spec.scope", JsonValue.Create(scope), ["Cluster", "Namespaced"]));
        }
        if (Jn.ArrAt(crd, "spec", "versions") is not { Count: > 0 } versions)
        {
            errors.Add(FieldError.Invalid("spec.versions", null, "must have exactly one version marked as storage version"));
            return;
        }
        if (versions.OfType<JsonObject>().Count(v => Jn.Bool(v, "storage") == true) != 1)
        {
            errors.Add(FieldError.Invalid("spec.versions", null, "must have exactly one version marked as storage version"));
        }
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i] as JsonObject;
            if (string.IsNullOrEmpty(Jn.Str(v, "name")))
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].name"));
            }
            if (Jn.ObjAt(v, "schema", "openAPIV3Schema") is not { } schema)
            {
                errors.Add(FieldError.Required($"spec.versions[{i}].schema.openAPIV3Schema", "schemas are required"));
                continue;
            }
            ValidateStructural(schema, $"spec.versions[{i}].schema.openAPIV3Schema", errors, isRoot: true);
        }
    }

    /// <summary>Structural: every node has a type, except where int-or-string or preserve-unknown-fields allow none.</summary>
    private static void ValidateStructural(JsonObject schema, string path, List<FieldError> errors, bool isRoot = false)
    {
        var typed = Jn.Str(schema, "type") is not null
            || Jn.Bool(schema, "x-kubernetes-int-or-string") == true
            || Jn.Bool(schema, "x-kubernetes-preserve-unknown-fields") == true;
        if (!typed)
        {
            errors.Add(FieldError.Required($"{path}.type", "must not be empty for specified object fields"));
        }
        if (isRoot && Jn.Str(schema, "type") is { } rootType && rootType != "object")
        {
            errors.Add(FieldError.Invalid($"{path}.type", JsonValue.Create(rootType), "must be object at the root"));
        }
        if (schema["properties"] is JsonObject props)
        {
            foreach (var (k, v) in props)
            {
                if (v is JsonObject child)
                {
                    ValidateStructural(child, $"{path}.properties[{k}]", errors);
                }
            }
        }
        if (schema["items"] is JsonObject items)
        {
            ValidateStructural(items, $"{path}.items", errors);
        }
        if (schema["additionalProperties"] is JsonObject ap)
        {
            if (schema["properties"] is JsonObject { Count: > 0 })
            {
                errors.Add(FieldError.Forbidden($"{path}.additionalProperties", "additionalProperties and properties are mutual exclusive"));
            }
            ValidateStructural(ap, $"{path}.additionalProperties", errors);
        }
    }
}
