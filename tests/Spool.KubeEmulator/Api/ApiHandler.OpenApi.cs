using System.Text.Json.Nodes;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Api;

/// <summary>
/// A minimal /openapi/v3: one document per group-version whose PATCH operations carry
/// x-kubernetes-group-version-kind and the fieldValidation/fieldManager/dryRun query parameters.
/// That is what kubectl checks before using server-side field validation; schemas are not published.
/// </summary>
public sealed partial class ApiHandler
{
    private JsonObject? OpenApi(string[] parts)
    {
        var types = Service.Registry.All();
        if (parts is ["openapi", "v3"])
        {
            var paths = new JsonObject();
            foreach (var gv in types.SelectMany(t => t.Versions.Select(v => GroupVersionPath(t.Group, v))).Distinct())
            {
                paths[gv] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{gv}?hash={Service.Store.CurrentRv}" };
            }
            return new JsonObject { ["paths"] = paths };
        }
        if (parts.Length < 4 || parts[0] != "openapi" || parts[1] != "v3")
        {
            return null;
        }
        var rest = string.Join("/", parts.Skip(2));
        var docPaths = new JsonObject();
        foreach (var t in types)
        {
            foreach (var v in t.Versions.Where(v => GroupVersionPath(t.Group, v) == rest))
            {
                var prefix = "/" + rest + (t.Namespaced ? "/namespaces/{namespace}/" : "/") + t.Plural + "/{name}";
                docPaths[prefix] = new JsonObject { ["patch"] = PatchOperation(t, v) };
            }
        }
        return docPaths.Count == 0
            ? null
            : new JsonObject
            {
                ["openapi"] = "3.0.0",
                ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
                ["paths"] = docPaths,
            };
    }

    private static string GroupVersionPath(string group, string version) => group.Length == 0 ? $"api/{version}" : $"apis/{group}/{version}";

    private static JsonObject PatchOperation(ResourceType t, string version)
    {
        var parameters = new JsonArray();
        foreach (var name in new[] { "dryRun", "fieldManager", "fieldValidation", "force" })
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name,
                ["in"] = "query",
                ["schema"] = new JsonObject { ["type"] = name == "force" ? "boolean" : "string", ["uniqueItems"] = true },
            });
        }
        return new JsonObject
        {
            ["operationId"] = $"patch{t.Kind}",
            ["parameters"] = parameters,
            ["x-kubernetes-action"] = "patch",
            ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = t.Group, ["version"] = version, ["kind"] = t.Kind },
        };
    }
}
