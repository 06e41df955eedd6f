using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;

namespace Spool.KubeEmulator.Server;

/// <summary>ObjectMeta rules shared by every kind: name formats, labels, annotations, owner references.</summary>
public static partial class MetaValidation
{
    public const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    public const string LabelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public const string Dns1035Message =
        "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    private const string QualifiedNameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    /// <summary>ObjectMeta's fields; anything else under metadata is dropped as typed decoding would.</summary>
    public static readonly HashSet<string> KnownMetaFields = new(StringComparer.Ordinal)
    {
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    };

    public static void PruneMetadata(JsonObject meta)
    {
        foreach (var key in meta.Select(kv => kv.Key).Where(k => !KnownMetaFields.Contains(k)).ToList())
        {
            meta.Remove(key);
        }
        foreach (var key in meta.Where(kv => kv.Value is null).Select(kv => kv.Key).ToList())
        {
            meta.Remove(key);
        }
    }

    public static void ValidateName(string name, NameRule rule, List<FieldError> errors, string field = "metadata.name")
    {
        switch (rule)
        {
            case NameRule.Subdomain:
                if (name.Length > 253)
                {
                    errors.Add(FieldError.InvalidText(field, FieldError.Quote(name), "must be no more than 253 characters"));
                }
                if (!Subdomain().IsMatch(name))
                {
                    errors.Add(FieldError.InvalidText(field, FieldError.Quote(name), SubdomainMessage));
                }
                break;
            case NameRule.Label:
            case NameRule.Dns1035Label:
                if (name.Length > 63)
                {
                    errors.Add(FieldError.InvalidText(field, FieldError.Quote(name), "must be no more than 63 characters"));
                }
                if (rule == NameRule.Label ? !Label().IsMatch(name) : !Dns1035().IsMatch(name))
                {
                    errors.Add(FieldError.InvalidText(field, FieldError.Quote(name), rule == NameRule.Label ? LabelMessage : Dns1035Message));
                }
                break;
            default:
                if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
                {
                    errors.Add(FieldError.InvalidText(field, FieldError.Quote(name), "may not contain '/' or '%' and may not be '.' or '..'"));
                }
                break;
        }
    }

    public static void ValidateMeta(JsonObject obj, NameRule rule, List<FieldError> errors)
    {
        var meta = Jn.Meta(obj);
        var name = Jn.Str(meta, "name") ?? "";
        if (name.Length == 0)
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            ValidateName(name, rule, errors);
        }
        if (meta["labels"] is JsonObject labels)
        {
            foreach (var (k, v) in labels)
            {
                ValidateQualifiedKey(k, "metadata.labels", errors);
                var value = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;
                if (value is null)
                {
                    errors.Add(FieldError.Invalid("metadata.labels", v, "label values must be strings"));
                }
                else if (value.Length > 63 || !LabelValue().IsMatch(value))
                {
                    errors.Add(FieldError.Invalid("metadata.labels", v, value.Length > 63 ? "must be no more than 63 characters" : LabelValueMessage));
                }
            }
        }
        if (meta["annotations"] is JsonObject annotations)
        {
            foreach (var (k, v) in annotations)
            {
                ValidateQualifiedKey(k, "metadata.annotations", errors);
                if (v is not JsonValue av || !av.TryGetValue<string>(out _))
                {
                    errors.Add(FieldError.Invalid("metadata.annotations", v, "annotation values must be strings"));
                }
            }
        }
        if (meta["ownerReferences"] is JsonArray owners)
        {
            var controllers = 0;
            for (var i = 0; i < owners.Count; i++)
            {
                var o = owners[i] as JsonObject;
                foreach (var f in new[] { "apiVersion", "kind", "name", "uid" })
                {
                    if (string.IsNullOrEmpty(Jn.Str(o, f)))
                    {
                        errors.Add(f == "uid" || f == "name"
                            ? FieldError.InvalidText($"metadata.ownerReferences.{f}", "\"\"", f == "uid" ? "uid must not be empty" : "name must not be empty")
                            : FieldError.InvalidText($"metadata.ownerReferences.{f}", "\"\"", "version must not be empty"));
                    }
                }
                if (Jn.Bool(o, "controller") == true)
                {
                    controllers++;
                }
            }
            if (controllers > 1)
            {
                errors.Add(FieldError.Invalid("metadata.ownerReferences", null, "Only one reference can have Controller set to true"));
            }
        }
    }

    private static void ValidateQualifiedKey(string key, string field, List<FieldError> errors)
    {
        var parts = key.Split('/');
        var namePart = parts[^1];
        var ok = parts.Length <= 2 && namePart.Length is > 0 and <= 63 && QualifiedName().IsMatch(namePart)
            && (parts.Length == 1 || (parts[0].Length is > 0 and <= 253 && Subdomain().IsMatch(parts[0])));
        if (!ok)
        {
            errors.Add(FieldError.InvalidText(field, FieldError.Quote(key), QualifiedNameMessage + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"));
        }
    }

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    public static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    public static partial Regex Label();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();
}
