using System.Text;
using Spool.Kubernetes.Models;

namespace Spool.E2E.Tests.Harness;

/// <summary>What a failed wait prints: the operators' output, the broker pods' state and the tail of their logs.</summary>
public sealed partial class SpoolEnvironment
{
    public async Task<string> DiagnosticsAsync()
    {
        var text = new StringBuilder(OperatorOutput());
        try
        {
            foreach (var pod in await Client.Resource<Pod>().ListAsync(Namespace).ContinueWith(t => t.Result.Items, TaskScheduler.Default))
            {
                var conditions = string.Join(",", pod.Status?.Conditions?.Select(c => $"{c.Type}={c.Status}") ?? []);
                var containers = string.Join(",", pod.Status?.ContainerStatuses?.Select(c => $"{c.Name}:ready={c.Ready},restarts={c.RestartCount},state={c.State?.ToJsonString()}") ?? []);
                text.Append($"\n--- pod {pod.Metadata.Name}: phase={pod.Status?.Phase} {conditions} {containers}");
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            text.Append($"\n(listing pods failed: {ex.Message})");
        }

        var pods = Path.Combine(Api.DataDirectory, "pods");
        if (System.IO.Directory.Exists(pods))
        {
            foreach (var log in System.IO.Directory.GetFiles(pods, "*.log", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var content = await File.ReadAllTextAsync(log);
                text.Append($"\n--- {Path.GetRelativePath(pods, log)}\n{(content.Length <= 4000 ? content : "...\n" + content[^4000..])}");
            }
        }

        return text.ToString();
    }
}
