using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// The scheduler and kubelet of a one-node cluster: binds pending pods to <see cref="NodeName"/> once
/// their claims exist, runs each bound pod in a <see cref="PodWorker"/> (status, probes, restarts,
/// graceful termination), and removes a claim's directory when the claim is deleted.
/// </summary>
public sealed class PodKubelet
{
    public const string NodeName = "emulator-node";

    /// <summary>Pod annotation with the port map: {"&lt;containerPort&gt;": &lt;127.0.0.1 port&gt;}.</summary>
    public const string PortsAnnotation = "kube-emulator.spool.dev/ports";

    private readonly ConcurrentDictionary<string, PodWorker> _workers = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private CancellationToken _stopping;

    public PodKubelet(ResourceService service, IPodRuntime runtime, PortRegistry ports, KubeletOptions options, string dataRoot)
    {
        Service = service;
        Runtime = runtime;
        Ports = ports;
        Options = options;
        DataRoot = dataRoot;
    }

    internal ResourceService Service { get; }

    public IPodRuntime Runtime { get; }

    internal PortRegistry Ports { get; }

    internal KubeletOptions Options { get; }

    internal string DataRoot { get; }

    /// <summary>What KUBERNETES_SERVICE_HOST/PORT point at inside pods.</summary>
    public int ApiServerPort { get; set; }

    public async Task RunAsync(CancellationToken ct)
    {
        _stopping = ct;
        using var subscription = Service.Store.Subscribe(e =>
        {
            if (e.Table is "/pods" or "/persistentvolumeclaims")
            {
                _wake.Writer.TryWrite(true);
            }
        });
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Sync();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Console.Error.WriteLine($"[kube-emulator] kubelet: {e}");
            }
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timer.CancelAfter(Options.SyncInterval);
            try
            {
                await _wake.Reader.ReadAsync(timer.Token);
            }
            catch (OperationCanceledException)
            {
                // Periodic sync or stop.
            }
        }
    }

    private void Sync()
    {
        var podType = Service.Type("", "pods");
        var pods = Service.ListStored(podType);
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var uid = Jn.Uid(pod);
            live.Add(uid);
            var nodeName = Jn.Str(pod, "spec", "nodeName");
            if (string.IsNullOrEmpty(nodeName))
            {
                if (!Jn.IsDeleting(pod))
                {
                    Bind(pod);
                }
                continue;
            }
            if (nodeName != NodeName || _workers.ContainsKey(uid) || Jn.Str(pod, "status", "phase") is "Succeeded" or "Failed")
            {
                continue;
            }
            var worker = new PodWorker(this, pod);
            _workers[uid] = worker;
            worker.Start(_stopping);
        }
        foreach (var (uid, worker) in _workers)
        {
            if (!live.Contains(uid))
            {
                worker.Vanish();
            }
            if (worker.Completion.IsCompleted && !live.Contains(uid))
            {
                _workers.TryRemove(uid, out _);
            }
        }
        RemoveDeletedClaimDirectories();
    }

    private void Bind(JsonObject pod)
    {
        var ns = Jn.Namespace(pod);
        var name = Jn.Name(pod);
        var uid = Jn.Uid(pod);
        var pvcType = Service.Type("", "persistentvolumeclaims");
        var missing = (Jn.ArrAt(pod, "spec", "volumes") ?? []).OfType<JsonObject>()
            .Select(v => Jn.Str(v, "persistentVolumeClaim", "claimName")).OfType<string>()
            .FirstOrDefault(c => Service.TryGetStored(pvcType, ns, c) is not { } claim || Jn.IsDeleting(claim));
        var podType = Service.Type("", "pods");
        var now = Jn.Timestamp(Service.Now);
        if (missing is not null)
        {
            Service.Mutate(podType, ns, name, o =>
            {
                if (Jn.Uid(o) == uid)
                {
                    SetCondition(Jn.Ensure(o, "status"), "PodScheduled", "False", now, "Unschedulable",
                        $"0/1 nodes are available: persistentvolumeclaim \"{missing}\" not found.");
                }
            }, "default-scheduler", "status");
            return;
        }
        Service.Mutate(podType, ns, name, o =>
        {
            if (Jn.Uid(o) == uid)
            {
                Jn.Ensure(o, "spec")["nodeName"] = NodeName;
            }
        }, "default-scheduler");
        Service.Mutate(podType, ns, name, o =>
        {
            if (Jn.Uid(o) == uid)
            {
                SetCondition(Jn.Ensure(o, "status"), "PodScheduled", "True", now, null, null);
            }
        }, "default-scheduler", "status");
    }

    internal static void SetCondition(JsonObject status, string type, string value, string now, string? reason, string? message)
    {
        var conditions = status["conditions"] as JsonArray ?? [];
        status["conditions"] = conditions;
        var c = conditions.OfType<JsonObject>().FirstOrDefault(x => Jn.Str(x, "type") == type);
        if (c is null)
        {
            c = new JsonObject { ["type"] = type };
            conditions.Add(c);
        }
        if (Jn.Str(c, "status") != value)
        {
            c["lastTransitionTime"] = now;
        }
        c["status"] = value;
        c["lastProbeTime"] = null;
        if (reason is null)
        {
            c.Remove("reason");
            c.Remove("message");
        }
        else
        {
            c["reason"] = reason;
            c["message"] = message;
        }
    }

    private void RemoveDeletedClaimDirectories()
    {
        var root = Path.Combine(DataRoot, "pvc");
        if (!Directory.Exists(root))
        {
            return;
        }
        var pvcType = Service.Type("", "persistentvolumeclaims");
        foreach (var nsDir in Directory.GetDirectories(root))
        {
            foreach (var claimDir in Directory.GetDirectories(nsDir))
            {
                if (Service.TryGetStored(pvcType, Path.GetFileName(nsDir), Path.GetFileName(claimDir)) is null)
                {
                    try
                    {
                        Directory.Delete(claimDir, recursive: true);
                    }
                    catch (IOException)
                    {
                        // Retried on the next sync.
                    }
                }
            }
        }
    }

    /// <summary>The captured output of a pod's container (the first container when none is named).</summary>
    public string? ReadLog(string ns, string pod, string? container)
    {
        var worker = _workers.Values.FirstOrDefault(w => w.Namespace == ns && w.Name == pod && !w.Completion.IsCompleted)
            ?? _workers.Values.FirstOrDefault(w => w.Namespace == ns && w.Name == pod);
        return worker?.ReadLog(container);
    }

    /// <summary>Host directory backing a claim (exists while the claim does).</summary>
    public string ClaimDirectory(string ns, string claim) => VolumeSetup.ClaimDirectory(DataRoot, ns, claim);

    public async Task StopAllAsync()
    {
        foreach (var w in _workers.Values)
        {
            w.Vanish();
        }
        try
        {
            await Task.WhenAll(_workers.Values.Select(w => w.Completion)).WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            // Processes that ignore SIGTERM were SIGKILLed; do not hang shutdown.
        }
    }
}
