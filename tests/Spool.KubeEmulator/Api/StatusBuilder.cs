using System.Text.Json.Nodes;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Schema;

namespace Spool.KubeEmulator.Api;

/// <summary>
/// Builds metav1.Status bodies and the apiserver's standard errors (k8s.io/apimachinery/pkg/api/errors),
/// with the same reasons, codes and message shapes clients match on.
/// </summary>
public static class StatusBuilder
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details)
    {
        var s = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            s["details"] = details;
        }
        s["code"] = code;
        return s;
    }

    public static JsonObject Success(string name, string group, string kind, string? uid)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }
        details["kind"] = kind;
        if (uid is not null)
        {
            details["uid"] = uid;
        }
        return new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
            ["details"] = details,
        };
    }

    private static JsonObject Details(string? name, string group, string kind)
    {
        var d = new JsonObject();
        if (!string.IsNullOrEmpty(name))
        {
            d["name"] = name;
        }
        if (group.Length > 0)
        {
            d["group"] = group;
        }
        d["kind"] = kind;
        return d;
    }

    public static ApiException NotFound(ResourceType t, string name) => NotFound(t.Group, t.Plural, name);

    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} \"{name}\" not found", Details(name, group, resource));

    public static ApiException AlreadyExists(ResourceType t, string name) =>
        new(409, "AlreadyExists", $"{t.GroupResource} \"{name}\" already exists", Details(name, t.Group, t.Plural));

    public static ApiException Conflict(ResourceType t, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {t.GroupResource} \"{name}\": {detail}", Details(name, t.Group, t.Plural));

    public static ApiException StaleConflict(ResourceType t, string name) =>
        Conflict(t, name, "the object has been modified; please apply your changes to the latest version and try again");

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotSupported(ResourceType t, string action) =>
        new(405, "MethodNotAllowed", $"{action} is not supported on resources of kind \"{t.GroupResource}\"", Details(null, t.Group, t.Plural));

    public static ApiException Forbidden(string group, string resource, string? name, string reasonText)
    {
        var prefix = string.IsNullOrEmpty(name) ? $"{Qualified(group, resource)} is forbidden" : $"{Qualified(group, resource)} \"{name}\" is forbidden";
        return new ApiException(403, "Forbidden", $"{prefix}: {reasonText}", Details(name, group, resource));
    }

    public static ApiException Gone(string message) => new(410, "Expired", message);

    public static ApiException Internal(string message) =>
        new(500, "InternalError", $"Internal error occurred: {message}", new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = message }) });

    public static ApiException UnsupportedMediaType(string contentType, IEnumerable<string> accepted) =>
        new(415, "UnsupportedMediaType",
            $"the body of the request was in an unknown format - accepted media types include: {string.Join(", ", accepted)}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "UnexpectedServerResponse", ["message"] = contentType }) });

    /// <summary>422 Invalid with field causes, message "Kind.group "name" is invalid: [e1, e2]".</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var qualifiedKind = group.Length == 0 ? kind : $"{kind}.{group}";
        var aggregate = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var causes = new JsonArray();
        foreach (var e in errors)
        {
            causes.Add(new JsonObject { ["reason"] = e.Reason, ["message"] = e.Body, ["field"] = e.Field });
        }
        var details = Details(name, group, kind);
        details["causes"] = causes;
        return new ApiException(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {aggregate}", details);
    }

    public static ApiException Invalid(ResourceType t, string name, IReadOnlyList<FieldError> errors) => Invalid(t.Group, t.Kind, name, errors);

    public static string Qualified(string group, string resource) => group.Length == 0 ? resource : $"{resource}.{group}";
}
