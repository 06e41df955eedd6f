using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Tests;

/// <summary>Reads a watch stream line by line.</summary>
public sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<WatchReader> Open(HttpClient http, string path)
    {
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new WatchReader(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event, or null at the end of the stream.</summary>
    public async Task<JsonObject?> Next(int seconds = 10)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var line = await _reader.ReadLineAsync(cts.Token);
        return line is null ? null : JsonNode.Parse(line) as JsonObject;
    }

    /// <summary>The next event that is not a BOOKMARK.</summary>
    public async Task<JsonObject?> NextChange(int seconds = 10)
    {
        while (true)
        {
            var e = await Next(seconds);
            if (e is null || e["type"]!.GetValue<string>() != "BOOKMARK")
            {
                return e;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        await Task.CompletedTask;
    }
}
