using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>Everything a runtime needs to start one container of a pod on this shared loopback "node".</summary>
public sealed class ContainerLaunch
{
    public required JsonObject Pod { get; init; }

    public required JsonObject Container { get; init; }

    public string Namespace => Jn.Namespace(Pod) ?? "";

    public string PodName => Jn.Name(Pod);

    public string ContainerName => Jn.Str(Container, "name") ?? "";

    /// <summary>A private directory for this pod (logs, emptyDirs, materialized volumes).</summary>
    public required string PodDirectory { get; init; }

    /// <summary>Every containerPort of the pod mapped to the real 127.0.0.1 port it gets.</summary>
    public required IReadOnlyDictionary<int, int> Ports { get; init; }

    /// <summary>The container's environment, resolved (valueFrom, envFrom, $(VAR) expansion) as the kubelet would.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required IReadOnlyList<VolumeMountMapping> Mounts { get; init; }

    public int RestartCount { get; init; }

    /// <summary>Maps a path inside the container to the host path backing it (longest mountPath wins); unmapped paths are unchanged.</summary>
    public string MapPath(string containerPath)
    {
        foreach (var m in Mounts.OrderByDescending(m => m.MountPath.Length))
        {
            var mp = m.MountPath.TrimEnd('/');
            if (containerPath == mp)
            {
                return m.HostPath;
            }
            if (containerPath.StartsWith(mp + "/", StringComparison.Ordinal))
            {
                return Path.Combine(m.HostPath, containerPath[(mp.Length + 1)..]);
            }
        }
        return containerPath;
    }

    /// <summary>A probe or hook port (number or container port name) as the real loopback port.</summary>
    public int ResolvePort(JsonNode? port)
    {
        var declared = port switch
        {
            JsonValue v when v.TryGetValue<int>(out var n) => n,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n2) => n2,
            JsonValue v when v.TryGetValue<string>(out var name) => NamedPort(name),
            _ => 0,
        };
        return Ports.TryGetValue(declared, out var actual) ? actual : declared;
    }

    private int NamedPort(string name)
    {
        foreach (var c in (Jn.ArrAt(Pod, "spec", "containers") ?? []).OfType<JsonObject>())
        {
            foreach (var p in (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Jn.Str(p, "name") == name && Jn.Long(p, "containerPort") is { } cp)
                {
                    return (int)cp;
                }
            }
        }
        return 0;
    }
}
