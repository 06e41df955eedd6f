using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Spool.KubeEmulator.Auth;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Api;

public sealed partial class ApiHandler
{
    private async Task<int> HandleSpecialSubresourceAsync(HttpContext ctx, RequestInfo info, ResourceType type, string? ns)
    {
        switch (info.Resource, info.Subresource, info.Verb)
        {
            case ("pods", "log", "get"):
            {
                Service.Get(type, info.Version, ns, info.Name);
                var container = ctx.Request.Query["container"].FirstOrDefault();
                var text = emulator.Kubelet?.ReadLog(ns!, info.Name, container) ?? "";
                ctx.Response.StatusCode = 200;
                ctx.Response.ContentType = "text/plain";
                await ctx.Response.WriteAsync(text);
                return 200;
            }
            case ("serviceaccounts", "token", "create"):
            {
                Service.Get(type, info.Version, ns, info.Name);
                var body = HttpIo.ParseObject(await HttpIo.ReadBodyAsync(ctx.Request), ctx.Request.ContentType);
                var expiration = Jn.Long(body, "spec", "expirationSeconds") ?? 3600;
                var token = emulator.Authenticator.MintServiceAccountToken(ns!, info.Name);
                var response = new JsonObject
                {
                    ["kind"] = "TokenRequest",
                    ["apiVersion"] = "authentication.k8s.io/v1",
                    ["metadata"] = new JsonObject { ["name"] = info.Name, ["namespace"] = ns, ["creationTimestamp"] = null },
                    ["spec"] = new JsonObject
                    {
                        ["audiences"] = Jn.Get(body, "spec", "audiences")?.DeepClone() ?? new JsonArray("https://kubernetes.default.svc"),
                        ["expirationSeconds"] = expiration,
                        ["boundObjectRef"] = null,
                    },
                    ["status"] = new JsonObject
                    {
                        ["token"] = token,
                        ["expirationTimestamp"] = Jn.Timestamp(Service.Now.AddSeconds(expiration)),
                    },
                };
                await HttpIo.WriteJsonAsync(ctx, 201, response);
                return 201;
            }
            default:
                throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
    }

    /// <summary>authorization.k8s.io SelfSubjectAccessReview: "can I?" answered by the same RBAC evaluation.</summary>
    private JsonObject SelfSubjectAccessReview(JsonObject body, UserInfo user)
    {
        var ra = Jn.ObjAt(body, "spec", "resourceAttributes");
        var nra = Jn.ObjAt(body, "spec", "nonResourceAttributes");
        var attributes = ra is not null
            ? new RequestAttributes(Jn.Str(ra, "verb") ?? "", true, "", Jn.Str(ra, "group") ?? "", Jn.Str(ra, "version") ?? "",
                Jn.Str(ra, "resource") ?? "", Jn.Str(ra, "subresource") ?? "", Jn.Str(ra, "namespace") ?? "", Jn.Str(ra, "name") ?? "")
            : new RequestAttributes(Jn.Str(nra, "verb") ?? "", false, Jn.Str(nra, "path") ?? "");
        var allowed = emulator.Rbac.Authorize(user, attributes);
        var result = (JsonObject)body.DeepClone();
        result["kind"] = "SelfSubjectAccessReview";
        result["apiVersion"] = "authorization.k8s.io/v1";
        result["metadata"] = new JsonObject { ["creationTimestamp"] = null };
        result["status"] = allowed
            ? new JsonObject { ["allowed"] = true, ["reason"] = "RBAC: allowed" }
            : new JsonObject { ["allowed"] = false };
        return result;
    }
}
