using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

/// <summary>Plain HttpClient calls against the emulator, returning the status code and parsed body.</summary>
public sealed class Kube(HttpClient http) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<(HttpStatusCode Code, JsonObject Body)> Get(string path) => Send(HttpMethod.Get, path, null, null);

    public Task<(HttpStatusCode Code, JsonObject Body)> Post(string path, object body) => Send(HttpMethod.Post, path, Json(body), "application/json");

    public Task<(HttpStatusCode Code, JsonObject Body)> Put(string path, object body) => Send(HttpMethod.Put, path, Json(body), "application/json");

    public Task<(HttpStatusCode Code, JsonObject Body)> Patch(string path, string contentType, string body) => Send(HttpMethod.Patch, path, body, contentType);

    public Task<(HttpStatusCode Code, JsonObject Body)> Delete(string path, object? body = null) =>
        Send(HttpMethod.Delete, path, body is null ? null : Json(body), "application/json");

    public async Task<(HttpStatusCode Code, JsonObject Body)> Send(HttpMethod method, string path, string? body, string? contentType)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType ?? "application/json");
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var parsed = text.Length > 0 && text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) as JsonObject ?? [] : new JsonObject { ["text"] = text };
        return (response.StatusCode, parsed);
    }

    public async Task<JsonObject> Ok(Task<(HttpStatusCode Code, JsonObject Body)> call)
    {
        var (code, body) = await call;
        ((int)code).Should().BeInRange(200, 299, body.ToJsonString());
        return body;
    }

    public static string Json(object body) => body is JsonNode n ? n.ToJsonString() : body as string ?? System.Text.Json.JsonSerializer.Serialize(body);

    public static JsonObject ConfigMap(string name, string ns = "default", Dictionary<string, string>? labels = null, Dictionary<string, string>? data = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = ns };
        if (labels is not null)
        {
            meta["labels"] = new JsonObject(labels.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value)));
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = meta,
            ["data"] = new JsonObject((data ?? new() { ["k"] = "v" }).Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
        };
    }

    /// <summary>Polls until the condition holds (controllers act asynchronously, as in a real cluster).</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string because, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }
            await Task.Delay(50);
        }
        (await condition()).Should().BeTrue(because);
    }

    public void Dispose() => Http.Dispose();
}
