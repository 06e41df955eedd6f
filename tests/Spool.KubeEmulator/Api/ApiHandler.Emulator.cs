using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Api;

/// <summary>
/// The emulator's own test hooks under /emulator/v1 (admin token only): mint tokens, compact history,
/// switch RBAC, read the request log, resolve service and pod DNS names to loopback endpoints.
/// </summary>
public sealed partial class ApiHandler
{
    private async Task<int> HandleEmulatorAsync(HttpContext ctx, string path)
    {
        var method = ctx.Request.Method.ToUpperInvariant();
        JsonNode result;
        switch (path, method)
        {
            case ("/emulator/v1/tokens", "POST"):
            {
                var body = HttpIo.ParseObject(await HttpIo.ReadBodyAsync(ctx.Request), "application/json");
                var token = Jn.Str(body, "user") is { } user
                    ? emulator.Authenticator.MintUserToken(user, Jn.Strings(body["groups"]))
                    : emulator.Authenticator.MintServiceAccountToken(Jn.Str(body, "namespace") ?? "default", Jn.Str(body, "name") ?? "default");
                result = new JsonObject { ["token"] = token };
                break;
            }
            case ("/emulator/v1/compact", "POST"):
                emulator.CompactHistory();
                result = new JsonObject { ["compactedAt"] = emulator.Store.CurrentRv };
                break;
            case ("/emulator/v1/rbac", "PUT" or "POST"):
            {
                var body = HttpIo.ParseObject(await HttpIo.ReadBodyAsync(ctx.Request), "application/json");
                emulator.RbacEnabled = Jn.Bool(body, "enabled") ?? true;
                result = new JsonObject { ["enabled"] = emulator.RbacEnabled };
                break;
            }
            case ("/emulator/v1/requests", "GET"):
            {
                var list = new JsonArray();
                foreach (var r in emulator.Requests.Snapshot())
                {
                    list.Add(new JsonObject
                    {
                        ["time"] = Jn.MicroTimestamp(r.Time), ["method"] = r.Method, ["path"] = r.Path, ["verb"] = r.Verb,
                        ["group"] = r.Group, ["version"] = r.Version, ["resource"] = r.Resource, ["subresource"] = r.Subresource,
                        ["namespace"] = r.Namespace, ["name"] = r.Name, ["user"] = r.User, ["code"] = r.StatusCode,
                    });
                }
                result = new JsonObject { ["items"] = list };
                break;
            }
            case ("/emulator/v1/requests", "DELETE"):
                emulator.Requests.Clear();
                result = new JsonObject();
                break;
            case ("/emulator/v1/resolve", "GET"):
            {
                var host = ctx.Request.Query["host"].FirstOrDefault() ?? "";
                var port = int.TryParse(ctx.Request.Query["port"].FirstOrDefault(), out var p) ? p : 0;
                var endpoint = emulator.Endpoints.Resolve(host, port)
                    ?? throw new ApiException(404, "NotFound", $"no ready endpoint for {host}:{port}", new JsonObject());
                result = new JsonObject { ["host"] = endpoint.Address.ToString(), ["port"] = endpoint.Port };
                break;
            }
            case ("/emulator/v1/ports", "GET"):
            {
                var list = new JsonArray();
                foreach (var (key, actual) in emulator.Ports.Snapshot())
                {
                    list.Add(new JsonObject { ["namespace"] = key.Namespace, ["pod"] = key.Pod, ["containerPort"] = key.ContainerPort, ["hostPort"] = actual });
                }
                result = new JsonObject { ["items"] = list };
                break;
            }
            default:
                throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
        await HttpIo.WriteJsonAsync(ctx, 200, result);
        return 200;
    }
}
