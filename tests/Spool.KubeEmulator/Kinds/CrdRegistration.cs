using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Turns a stored CustomResourceDefinition into a served resource and maintains its status conditions.</summary>
public static partial class CrdRegistration
{
    public static ResourceType? ToResourceType(JsonObject crd)
    {
        var spec = Jn.ObjAt(crd, "spec");
        var names = Jn.ObjAt(spec, "names");
        var group = Jn.Str(spec, "group");
        var plural = Jn.Str(names, "plural");
        var kind = Jn.Str(names, "kind");
        if (group is null || plural is null || kind is null || Jn.ArrAt(spec, "versions") is not { } versions)
        {
            return null;
        }
        var served = versions.OfType<JsonObject>().Where(v => Jn.Bool(v, "served") != false).ToList();
        var storage = versions.OfType<JsonObject>().FirstOrDefault(v => Jn.Bool(v, "storage") == true) ?? served.FirstOrDefault();
        if (served.Count == 0 || storage is null)
        {
            return null;
        }
        var schemas = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var v in versions.OfType<JsonObject>())
        {
            if (Jn.Str(v, "name") is { } vn && Jn.ObjAt(v, "schema", "openAPIV3Schema") is { } s)
            {
                schemas[vn] = (JsonObject)s.DeepClone();
            }
        }
        var selectable = Jn.ArrAt(storage, "selectableFields")?.OfType<JsonObject>()
            .Select(f => (Jn.Str(f, "jsonPath") ?? "").TrimStart('.')).Where(f => f.Length > 0).ToList() ?? [];
        return new ResourceType
        {
            Group = group,
            Versions = served.Select(v => Jn.Str(v, "name")!).OrderByDescending(VersionPriority).ToList(),
            StorageVersionOverride = Jn.Str(storage, "name"),
            Kind = kind,
            Plural = plural,
            Singular = Jn.Str(names, "singular") ?? kind.ToLowerInvariant(),
            Namespaced = Jn.Str(spec, "scope") != "Cluster",
            ShortNames = Jn.Strings(names!["shortNames"]),
            Categories = Jn.Strings(names["categories"]),
            HasStatus = versions.OfType<JsonObject>().Any(v => Jn.Get(v, "subresources", "status") is not null),
            TracksGeneration = true,
            IsCustom = true,
            Schemas = schemas,
            PrinterColumns = Jn.ArrAt(storage, "additionalPrinterColumns")?.DeepClone() as JsonArray,
            SelectableFields = selectable,
            Terminating = Jn.IsDeleting(crd),
        };
    }

    /// <summary>Kubernetes version priority: GA over beta over alpha, higher numbers first, others last.</summary>
    public static int VersionPriority(string v)
    {
        var m = KubeVersion().Match(v);
        if (!m.Success)
        {
            return 0;
        }
        var major = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var level = m.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        return (level * 1_000_000) + (major * 1000) + minor;
    }

    public static void UpdateStatus(JsonObject crd, ResourceService service)
    {
        var t = service.Type("apiextensions.k8s.io", "customresourcedefinitions");
        var now = Jn.Timestamp(service.Now);
        service.Mutate(t, null, Jn.Name(crd), obj =>
        {
            var status = Jn.Ensure(obj, "status");
            var names = Jn.ObjAt(obj, "spec", "names")?.DeepClone() as JsonObject ?? [];
            status["acceptedNames"] = names;
            var conditions = status["conditions"] as JsonArray ?? [];
            SetCondition(conditions, "NamesAccepted", "True", "NoConflicts", "no conflicts found", now);
            SetCondition(conditions, "Established", "True", "InitialNamesAccepted", "the initial names have been accepted", now);
            if (Jn.IsDeleting(obj))
            {
                SetCondition(conditions, "Terminating", "True", "InstanceDeletionInProgress", "CustomResource deletion is in progress", now);
            }
            status["conditions"] = conditions;
            var stored = Jn.Strings(status["storedVersions"]);
            var storageVersion = Jn.ArrAt(obj, "spec", "versions")?.OfType<JsonObject>().FirstOrDefault(v => Jn.Bool(v, "storage") == true);
            if (Jn.Str(storageVersion, "name") is { } sv && !stored.Contains(sv))
            {
                stored.Add(sv);
            }
            status["storedVersions"] = Jn.StringArray(stored);
        }, "apiextensions-controller", "status");
    }

    public static void SetCondition(JsonArray conditions, string type, string status, string reason, string message, string now)
    {
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => Jn.Str(c, "type") == type);
        if (existing is null)
        {
            conditions.Add(new JsonObject
            {
                ["type"] = type, ["status"] = status, ["lastTransitionTime"] = now, ["reason"] = reason, ["message"] = message,
            });
            return;
        }
        if (Jn.Str(existing, "status") != status)
        {
            existing["lastTransitionTime"] = now;
        }
        existing["status"] = status;
        existing["reason"] = reason;
        existing["message"] = message;
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex KubeVersion();
}
