using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// Every pod shares 127.0.0.1, so each (pod, containerPort) gets its own free loopback port. The
/// mapping is sticky per namespace/pod name: a StatefulSet pod recreated under the same name gets its
/// old port back, as a stable network identity would.
/// </summary>
public sealed class PortRegistry
{
    private readonly ConcurrentDictionary<PodPortKey, int> _ports = new();
    private readonly Lock _allocate = new();

    public int Allocate(string @namespace, string pod, int containerPort)
    {
        var key = new PodPortKey(@namespace, pod, containerPort);
        if (_ports.TryGetValue(key, out var existing))
        {
            return existing;
        }
        lock (_allocate)
        {
            if (_ports.TryGetValue(key, out existing))
            {
                return existing;
            }
            int port;
            do
            {
                port = FreePort();
            }
            while (_ports.Values.Contains(port));
            _ports[key] = port;
            return port;
        }
    }

    public bool TryGet(string @namespace, string pod, int containerPort, out int port) =>
        _ports.TryGetValue(new PodPortKey(@namespace, pod, containerPort), out port);

    public IReadOnlyDictionary<int, int> ForPod(string @namespace, string pod) =>
        _ports.Where(kv => kv.Key.Namespace == @namespace && kv.Key.Pod == pod).ToDictionary(kv => kv.Key.ContainerPort, kv => kv.Value);

    public IReadOnlyList<(PodPortKey Key, int Port)> Snapshot() =>
        _ports.OrderBy(kv => kv.Key.Namespace, StringComparer.Ordinal).ThenBy(kv => kv.Key.Pod, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.ContainerPort).Select(kv => (kv.Key, kv.Value)).ToList();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
