using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Spool.KubeEmulator.Auth;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Api;

public sealed partial class ApiHandler
{
    private async Task<int> HandleNonResourceAsync(HttpContext ctx, RequestInfo info, UserInfo user)
    {
        var path = info.Path.TrimEnd('/');
        if (path.StartsWith("/emulator/", StringComparison.Ordinal))
        {
            if (!user.IsSuperUser)
            {
                throw new ApiException(403, "Forbidden", $"forbidden: User \"{user.Name}\" cannot {info.Verb} path \"{info.Path}\"", new JsonObject());
            }
            return await HandleEmulatorAsync(ctx, path);
        }
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonNode? body = parts switch
        {
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = $"127.0.0.1:{emulator.Port}" }),
            },
            ["apis"] => GroupList(),
            ["apis", var g] => Group(g),
            ["api", var v] => ResourceList("", v),
            ["apis", var g, var v] => ResourceList(g, v),
            ["version"] => new JsonObject
            {
                ["major"] = "1",
                ["minor"] = "32",
                ["gitVersion"] = "v1.32.0-spool-emulator",
                ["gitCommit"] = "0000000000000000000000000000000000000000",
                ["gitTreeState"] = "clean",
                ["buildDate"] = "2025-01-01T00:00:00Z",
                ["goVersion"] = "go1.23",
                ["compiler"] = "gc",
                ["platform"] = "linux/amd64",
            },
            ["openapi", "v3", ..] => OpenApi(parts),
            _ => null,
        };
        if (parts is ["healthz"] or ["readyz"] or ["livez"])
        {
            ctx.Response.ContentType = "text/plain";
            await ctx.Response.WriteAsync("ok");
            return 200;
        }
        if (body is null)
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
        await HttpIo.WriteJsonAsync(ctx, 200, body);
        return 200;
    }

    private JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var (g, versions) in Service.Registry.Groups())
        {
            groups.Add(GroupBody(g, versions));
        }
        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    private static JsonObject GroupBody(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var v in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v });
        }
        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private JsonObject? Group(string group)
    {
        var entry = Service.Registry.Groups().FirstOrDefault(g => g.Group == group);
        if (entry.Group is null)
        {
            return null;
        }
        var body = GroupBody(entry.Group, entry.Versions);
        var result = new JsonObject { ["kind"] = "APIGroup", ["apiVersion"] = "v1" };
        foreach (var (k, v) in body.ToList())
        {
            body.Remove(k);
            result[k] = v;
        }
        return result;
    }

    private JsonObject? ResourceList(string group, string version)
    {
        var types = Service.Registry.All().Where(t => t.Group == group && t.Serves(version)).ToList();
        if (types.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var t in types)
        {
            resources.Add(ResourceEntry(t));
            if (t.HasStatus)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{t.Plural}/status", ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = t.Kind,
                    ["verbs"] = Jn.StringArray(["get", "patch", "update"]),
                });
            }
            foreach (var (name, kind, verbs) in t.ExtraSubresources)
            {
                resources.Add(new JsonObject
                {
                    ["name"] = name, ["singularName"] = "", ["namespaced"] = t.Namespaced, ["kind"] = kind, ["verbs"] = Jn.StringArray(verbs),
                });
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject ResourceEntry(ResourceType t)
    {
        var o = new JsonObject
        {
            ["name"] = t.Plural,
            ["singularName"] = t.Singular,
            ["namespaced"] = t.Namespaced,
            ["kind"] = t.Kind,
            ["verbs"] = Jn.StringArray(t.Verbs),
        };
        if (t.ShortNames.Count > 0)
        {
            o["shortNames"] = Jn.StringArray(t.ShortNames);
        }
        if (t.Categories.Count > 0)
        {
            o["categories"] = Jn.StringArray(t.Categories);
        }
        return o;
    }
}
