using System.Text.Json;
using Spool.Kubernetes.Client;

namespace Spool.Operator.Hosting;

/// <summary>
/// Appends each distinct permission the operator's calls need (verb, group, resource[/subresource] or non-resource
/// path) to a file as JSON lines, so a test can compare them with the RBAC rules a chart renders.
/// </summary>
public sealed class CallLog(string path) : IKubernetesCallObserver
{
    private readonly Lock _lock = new();
    private readonly HashSet<(string, string, string, string?)> _seen = [];

    public void OnCall(KubernetesCall call)
    {
        foreach (var verb in call.RequiredVerbs)
        {
            var key = (verb, call.Group, call.RbacResource ?? "", call.NonResourcePath);
            lock (_lock)
            {
                if (!_seen.Add(key))
                {
                    continue;
                }

                using var stream = new MemoryStream();
                using (var json = new Utf8JsonWriter(stream))
                {
                    json.WriteStartObject();
                    json.WriteString("verb", verb);
                    json.WriteString("group", call.Group);
                    json.WriteString("resource", call.Resource);
                    json.WriteString("subresource", call.Subresource);
                    json.WriteString("namespace", call.Namespace);
                    json.WriteString("name", call.Name);
                    json.WriteString("nonResourcePath", call.NonResourcePath);
                    json.WriteBoolean("apply", call.IsApply);
                    json.WriteEndObject();
                }

                File.AppendAllText(path, System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n");
            }
        }
    }
}
