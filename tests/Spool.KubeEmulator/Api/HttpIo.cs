using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Api;

/// <summary>Reading request bodies (JSON or YAML) and writing JSON responses.</summary>
public static class HttpIo
{
    public static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    /// <summary>A body in JSON, or YAML when the content type says so (the apiserver accepts both).</summary>
    public static JsonObject ParseObject(string body, string? contentType)
    {
        var mediaType = (contentType ?? "application/json").Split(';')[0].Trim().ToLowerInvariant();
        if (mediaType is not ("application/json" or "application/yaml" or "text/yaml" or "application/x-yaml" or "" or "text/plain"))
        {
            // Protobuf and CBOR are not spoken here; clients fall back to JSON on 415 as with any server lacking them.
            throw StatusBuilder.UnsupportedMediaType(mediaType, ["application/json", "application/yaml"]);
        }
        if (string.IsNullOrWhiteSpace(body))
        {
            throw StatusBuilder.BadRequest("the body of the request was empty");
        }
        try
        {
            var node = contentType is not null && contentType.Contains("yaml", StringComparison.OrdinalIgnoreCase)
                ? Yaml.ToJson(body)
                : JsonNode.Parse(body);
            return node as JsonObject ?? throw StatusBuilder.BadRequest("the object provided is unrecognized (must be a JSON object)");
        }
        catch (JsonException e)
        {
            throw StatusBuilder.BadRequest($"couldn't get version/kind; json parse error: {e.Message}");
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw StatusBuilder.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }

    public static async Task WriteJsonAsync(HttpContext ctx, int code, JsonNode body, IEnumerable<string>? warnings = null)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        if (warnings is not null)
        {
            foreach (var w in warnings.Distinct())
            {
                ctx.Response.Headers.Append("Warning", $"299 - {Jn.Serialize(JsonValue.Create(w))}");
            }
        }
        await ctx.Response.WriteAsync(Jn.Serialize(body));
    }

    public static Task WriteStatusAsync(HttpContext ctx, ApiException e) => WriteJsonAsync(ctx, e.Code, e.ToStatus());
}
