using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// Runs one pod (one uid) from binding to removal: ports, volumes, init containers, containers with
/// probes and restarts, status reporting, and graceful termination ending in the final delete.
/// </summary>
internal sealed partial class PodWorker : IDisposable
{
    private readonly PodKubelet _kubelet;
    private readonly string _uid;
    private readonly List<ContainerRun> _containers = [];
    private readonly CancellationTokenSource _vanished = new();
    private IReadOnlyDictionary<int, int> _ports = new Dictionary<int, int>();
    private IReadOnlyDictionary<string, string> _volumes = new Dictionary<string, string>();
    private string _podDir = "";
    private bool _initialized;
    private bool _terminating;
    private DateTimeOffset _startTime;
    private string? _lastStatus;

    public PodWorker(PodKubelet kubelet, JsonObject pod)
    {
        _kubelet = kubelet;
        _uid = Jn.Uid(pod);
        Namespace = Jn.Namespace(pod) ?? "";
        Name = Jn.Name(pod);
    }

    public string Namespace { get; }

    public string Name { get; }

    public Task Completion { get; private set; } = Task.CompletedTask;

    private ResourceType PodType => _kubelet.Service.Type("", "pods");

    public void Start(CancellationToken stopping) => Completion = Task.Run(() => RunAsync(stopping), CancellationToken.None);

    /// <summary>The pod is gone from the API (force deletion) or the emulator stops: kill quickly.</summary>
    public void Vanish()
    {
        try
        {
            _vanished.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Finished already.
        }
    }

    private JsonObject? Current()
    {
        var pod = _kubelet.Service.TryGetStored(PodType, Namespace, Name);
        return pod is not null && Jn.Uid(pod) == _uid ? pod : null;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(stopping, _vanished.Token);
        var ct = cts.Token;
        var removed = false;
        try
        {
            var pod = Current();
            if (pod is null)
            {
                removed = true;
                return;
            }
            _podDir = Path.Combine(_kubelet.DataRoot, "pods", $"{Namespace}_{Name}_{_uid[..8]}");
            Directory.CreateDirectory(_podDir);
            _startTime = _kubelet.Service.Now;
            foreach (var c in (Jn.ArrAt(pod, "spec", "containers") ?? []).OfType<JsonObject>())
            {
                _containers.Add(new ContainerRun((JsonObject)c.DeepClone()));
            }
            AllocatePorts(pod);
            removed = await RunPodAsync(ct);
        }
        catch (OperationCanceledException)
        {
            removed = Current() is null;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"[kube-emulator] pod {Namespace}/{Name}: {e}");
        }
        finally
        {
            await StopAllAsync(TimeSpan.FromSeconds(2));
            foreach (var c in _containers)
            {
                if (c.Instance is not null)
                {
                    await c.Instance.DisposeAsync();
                }
            }
            if (removed && _podDir.Length > 0)
            {
                TryDelete(_podDir);
            }
            _vanished.Dispose();
        }
    }

    /// <summary>Returns true when the pod has been removed from the API.</summary>
    private async Task<bool> RunPodAsync(CancellationToken ct)
    {
        while (true)
        {
            var pod = Current();
            if (pod is null)
            {
                return true;
            }
            if (Jn.IsDeleting(pod))
            {
                await TerminateAsync(pod, ct);
                return true;
            }
            try
            {
                _volumes = VolumeSetup.Materialize(pod, _podDir, _kubelet.DataRoot, _kubelet.Service);
                break;
            }
            catch (InvalidOperationException e)
            {
                foreach (var c in _containers)
                {
                    c.WaitingReason = "ContainerCreating";
                    c.WaitingMessage = e.Message;
                }
                WriteStatus(pod);
            }
            await Task.Delay(_kubelet.Options.SyncInterval, ct);
        }

        if (!await RunInitContainersAsync(ct))
        {
            return Current() is null;
        }
        _initialized = true;
        var lastVolumeSync = DateTimeOffset.UtcNow;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var pod = Current();
            if (pod is null)
            {
                return true;
            }
            if (Jn.IsDeleting(pod))
            {
                await TerminateAsync(pod, ct);
                return true;
            }
            if (DateTimeOffset.UtcNow - lastVolumeSync > TimeSpan.FromSeconds(1))
            {
                // ConfigMap and Secret volumes follow their sources, as the kubelet's periodic sync does.
                TryRefreshVolumes(pod);
                lastVolumeSync = DateTimeOffset.UtcNow;
            }
            await TickAsync(pod, ct);
            WriteStatus(pod);
            if (_containers.All(c => c.Done))
            {
                return false;
            }
            await Task.Delay(_kubelet.Options.SyncInterval, ct);
        }
    }

    private void AllocatePorts(JsonObject pod)
    {
        var map = new Dictionary<int, int>();
        foreach (var c in (Jn.ArrAt(pod, "spec", "containers") ?? []).OfType<JsonObject>())
        {
            foreach (var p in (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Jn.Long(p, "containerPort") is { } cp)
                {
                    map[(int)cp] = _kubelet.Ports.Allocate(Namespace, Name, (int)cp);
                }
            }
        }
        _ports = map;
        if (_kubelet.Options.PublishPortAnnotation && map.Count > 0)
        {
            var value = new JsonObject();
            foreach (var (declared, actual) in map.OrderBy(kv => kv.Key))
            {
                value[declared.ToString(System.Globalization.CultureInfo.InvariantCulture)] = actual;
            }
            _kubelet.Service.Mutate(PodType, Namespace, Name, o =>
            {
                if (Jn.Uid(o) == _uid)
                {
                    Jn.Ensure(o, "metadata", "annotations")[PodKubelet.PortsAnnotation] = Jn.Serialize(value);
                }
            }, "kubelet");
        }
    }

    private void TryRefreshVolumes(JsonObject pod)
    {
        try
        {
            VolumeSetup.Materialize(pod, _podDir, _kubelet.DataRoot, _kubelet.Service);
        }
        catch (InvalidOperationException)
        {
            // A source deleted meanwhile: the kubelet keeps the last files.
        }
    }

    public string? ReadLog(string? container)
    {
        var run = container is null ? _containers.FirstOrDefault() : _containers.FirstOrDefault(c => c.Name == container);
        if (run?.LogPath is not { } path || !File.Exists(path))
        {
            return run is null ? null : "";
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public void Dispose() => _vanished.Dispose();

    private static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
        catch (UnauthorizedAccessException)
        {
            // Best effort.
        }
    }
}
