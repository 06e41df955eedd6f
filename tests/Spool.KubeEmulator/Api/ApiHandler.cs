using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Spool.KubeEmulator.Auth;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Api;

/// <summary>
/// The HTTP front of the emulator: authentication, request decoding, RBAC, the request log, and
/// dispatch to discovery, resource verbs, watch, subresources and the emulator's own hooks.
/// </summary>
public sealed partial class ApiHandler(KubeApiEmulator emulator)
{
    private ResourceService Service => emulator.Service;

    public async Task HandleAsync(HttpContext ctx)
    {
        var request = ctx.Request;
        var path = request.Path.Value ?? "/";
        var query = request.Query;
        var info = RequestInfo.Parse(request.Method, path, Flag(query, "watch"));
        var user = emulator.Authenticator.Authenticate(request.Headers.Authorization);
        var code = 500;
        try
        {
            if (user is null)
            {
                code = 401;
                await HttpIo.WriteJsonAsync(ctx, 401, StatusBuilder.Failure(401, "Unauthorized", "Unauthorized", null));
                return;
            }
            if (info.IsResourceRequest && info.Name.Length == 0 && info.Verb is "list" or "watch"
                && FieldSelector.Parse(query["fieldSelector"], _ => true).RequiredName is { } selectedName)
            {
                // A list or watch narrowed to one name is authorized as that name, as the apiserver does.
                info.Name = selectedName;
                code = await HandleAuthorizedAsync(ctx, info, user, nameFromSelector: true);
            }
            else
            {
                code = await HandleAuthorizedAsync(ctx, info, user, nameFromSelector: false);
            }
        }
        catch (ApiException e)
        {
            code = e.Code;
            if (!ctx.Response.HasStarted)
            {
                await HttpIo.WriteStatusAsync(ctx, e);
            }
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested || emulator.Stopping.IsCancellationRequested)
        {
            code = ctx.Response.HasStarted ? ctx.Response.StatusCode : 499;
        }
        catch (Exception e)
        {
            code = 500;
            Console.Error.WriteLine($"[kube-emulator] {request.Method} {path}: {e}");
            if (!ctx.Response.HasStarted)
            {
                await HttpIo.WriteStatusAsync(ctx, StatusBuilder.Internal(e.Message));
            }
        }
        finally
        {
            emulator.Requests.Add(new RequestRecord(DateTimeOffset.UtcNow, request.Method, path + request.QueryString, info.Verb, info.Group,
                info.Version, info.Resource, info.Subresource, info.Namespace, info.Name, user?.Name ?? "", code));
        }
    }

    private async Task<int> HandleAuthorizedAsync(HttpContext ctx, RequestInfo info, UserInfo user, bool nameFromSelector)
    {
        var attributes = new RequestAttributes(info.Verb, info.IsResourceRequest, info.Path, info.Group, info.Version, info.Resource,
            info.Subresource, info.Namespace, info.Name);
        if (!emulator.Rbac.Authorize(user, attributes))
        {
            var message = RbacAuthorizer.ForbiddenMessage(user, attributes);
            var e = info.IsResourceRequest
                ? StatusBuilder.Forbidden(info.Group, info.Resource, nameFromSelector ? null : info.Name, message)
                : new ApiException(403, "Forbidden", $"forbidden: {message}", new JsonObject());
            await HttpIo.WriteStatusAsync(ctx, e);
            return 403;
        }
        if (!info.IsResourceRequest)
        {
            return await HandleNonResourceAsync(ctx, info, user);
        }
        if (nameFromSelector)
        {
            info.Name = "";
        }
        return await HandleResourceAsync(ctx, info, user);
    }

    private async Task<int> HandleResourceAsync(HttpContext ctx, RequestInfo info, UserInfo user)
    {
        var type = Service.Registry.Find(info.Group, info.Version, info.Resource);
        if (type is null || (!type.Namespaced && info.Namespace.Length > 0 && info.Resource != "namespaces"))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
        var ns = type.Namespaced ? (info.Namespace.Length == 0 ? null : info.Namespace) : null;
        if (type.Namespaced && ns is null && info.Verb is not ("list" or "watch"))
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
        var query = ctx.Request.Query;
        var options = new WriteOptions
        {
            User = user,
            FieldManager = query["fieldManager"].FirstOrDefault(),
            UserAgent = ctx.Request.Headers.UserAgent.ToString(),
            DryRun = query["dryRun"].Contains("All"),
            Force = Flag(query, "force"),
            FieldValidation = query["fieldValidation"].FirstOrDefault() ?? "Warn",
        };
        var sub = info.Subresource.Length == 0 ? null : info.Subresource;
        if (sub is not null && sub is not ("status" or "finalize"))
        {
            return await HandleSpecialSubresourceAsync(ctx, info, type, ns);
        }
        if (sub == "status" && !type.HasStatus)
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
        if (sub == "finalize" && info.Resource != "namespaces")
        {
            throw new ApiException(404, "NotFound", "the server could not find the requested resource", new JsonObject());
        }
        if (!type.Verbs.Contains(info.Verb))
        {
            throw StatusBuilder.MethodNotSupported(type, info.Verb);
        }
        var version = info.Version;
        switch (info.Verb)
        {
            case "get":
                return await Ok(ctx, Service.Get(type, version, ns, info.Name));
            case "list":
                return await Ok(ctx, Service.List(type, version, ns, ListOptionsFrom(query)));
            case "watch":
                await WatchAsync(ctx, type, version, ns, info.Name);
                return 200;
            case "create":
            {
                if (type.Terminating)
                {
                    throw new ApiException(405, "MethodNotAllowed", $"create not allowed while custom resource definition is terminating");
                }
                var body = HttpIo.ParseObject(await HttpIo.ReadBodyAsync(ctx.Request), ctx.Request.ContentType);
                if (type.Plural == "selfsubjectaccessreviews")
                {
                    return await Ok(ctx, SelfSubjectAccessReview(body, user), 201);
                }
                var created = Service.Create(type, version, ns, body, options);
                return await Ok(ctx, created, 201, options.Warnings);
            }
            case "update":
            {
                var body = HttpIo.ParseObject(await HttpIo.ReadBodyAsync(ctx.Request), ctx.Request.ContentType);
                return await Ok(ctx, Service.Update(type, version, ns, info.Name, body, sub, options), 200, options.Warnings);
            }
            case "patch":
            {
                var text = await HttpIo.ReadBodyAsync(ctx.Request);
                var before = Service.TryGetStored(type, ns, info.Name);
                var patched = Service.Patch(type, version, ns, info.Name, ctx.Request.ContentType, text, sub, options);
                return await Ok(ctx, patched, before is null ? 201 : 200, options.Warnings);
            }
            case "delete":
            {
                var d = await DeleteOptionsFromAsync(ctx);
                var outcome = Service.Delete(type, version, ns, info.Name, d, options);
                return await Ok(ctx, outcome.Body);
            }
            case "deletecollection":
            {
                var d = await DeleteOptionsFromAsync(ctx);
                return await Ok(ctx, Service.DeleteCollection(type, version, ns, ListOptionsFrom(query), d, options));
            }
            default:
                throw StatusBuilder.MethodNotSupported(type, info.Verb);
        }
    }

    private static async Task<int> Ok(HttpContext ctx, JsonNode body, int code = 200, IEnumerable<string>? warnings = null)
    {
        await HttpIo.WriteJsonAsync(ctx, code, body, warnings);
        return code;
    }

    private static bool Flag(IQueryCollection query, string name) =>
        query[name].FirstOrDefault() is { } v && (v == "true" || v == "1");

    private static ListOptions ListOptionsFrom(IQueryCollection query) => new()
    {
        Labels = LabelSelector.Parse(query["labelSelector"].FirstOrDefault()),
        FieldSelectorText = query["fieldSelector"].FirstOrDefault(),
        Limit = long.TryParse(query["limit"].FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var l) ? l : 0,
        Continue = query["continue"].FirstOrDefault(),
        ResourceVersion = query["resourceVersion"].FirstOrDefault(),
        ResourceVersionMatch = query["resourceVersionMatch"].FirstOrDefault(),
    };

    private static async Task<DeleteOptions> DeleteOptionsFromAsync(HttpContext ctx)
    {
        var query = ctx.Request.Query;
        var text = await HttpIo.ReadBodyAsync(ctx.Request);
        var body = string.IsNullOrWhiteSpace(text) ? new JsonObject() : HttpIo.ParseObject(text, ctx.Request.ContentType);
        long? grace = Jn.Long(body, "gracePeriodSeconds");
        if (grace is null && long.TryParse(query["gracePeriodSeconds"].FirstOrDefault(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var g))
        {
            grace = g;
        }
        bool? orphan = Jn.Bool(body, "orphanDependents");
        if (orphan is null && bool.TryParse(query["orphanDependents"].FirstOrDefault(), out var od))
        {
            orphan = od;
        }
        return new DeleteOptions
        {
            PropagationPolicy = Jn.Str(body, "propagationPolicy") ?? query["propagationPolicy"].FirstOrDefault(),
            GracePeriodSeconds = grace,
            PreconditionUid = Jn.Str(body, "preconditions", "uid"),
            PreconditionResourceVersion = Jn.Str(body, "preconditions", "resourceVersion"),
            OrphanDependents = orphan,
        };
    }
}
