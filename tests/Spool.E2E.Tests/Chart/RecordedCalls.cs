using System.Text.Json;
using Spool.Kubernetes.Client;

namespace Spool.E2E.Tests.Chart;

/// <summary>The permissions the operator used, as it appended them to its --record-calls file (one JSON object a line).</summary>
public static class RecordedCalls
{
    public static async Task<IReadOnlyList<KubernetesCall>> ReadAsync(string path)
    {
        var calls = new List<KubernetesCall>();
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            if (line.Length == 0)
            {
                continue;
            }

            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) ? value.GetString() : null;

            // Each line holds one verb the authorizer checks (an apply is logged once as patch and once as create).
            calls.Add(new KubernetesCall(Text("verb")!, Text("group") ?? "", Text("resource"), Text("subresource"), Text("namespace"), Text("name"), Text("nonResourcePath")));
        }

        return calls;
    }
}
