using Spool.KubeEmulator.Kubelet;

namespace Spool.KubeEmulator;

public sealed class KubeEmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="KubeApiEmulator.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>
    /// Serve HTTPS with a self-signed certificate (its CA goes into the kubeconfig). client-go and
    /// kubectl only send bearer tokens over TLS; plain HTTP suits clients that send them anyway.
    /// </summary>
    public bool UseTls { get; set; }

    /// <summary>Requests without a token act as system:anonymous (group system:unauthenticated), subject to RBAC.</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The admin bearer token (system:masters); random when null.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Enforce RBAC from the start (also switchable later with <see cref="KubeApiEmulator.RbacEnabled"/>).</summary>
    public bool EnableRbac { get; set; }

    /// <summary>How many changes watches can replay; older resourceVersions answer 410 Gone.</summary>
    public int HistoryCapacity { get; set; } = 10_000;

    /// <summary>Period of BOOKMARK events on watches that allow them (the apiserver's is about a minute).</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Garbage collector, namespace, CRD cleanup, volume binder and StatefulSet controllers.</summary>
    public bool RunControllers { get; set; } = true;

    /// <summary>Bind pods to the emulator's node and run them with <see cref="PodRuntime"/>.</summary>
    public bool RunKubelet { get; set; } = true;

    /// <summary>How pods run; null means <see cref="InstantPodRuntime"/> (Running and Ready at once).</summary>
    public IPodRuntime? PodRuntime { get; set; }

    public KubeletOptions Kubelet { get; set; } = new();

    /// <summary>Root for pod directories and volumes; a temporary directory (removed on dispose) when null.</summary>
    public string? DataDirectory { get; set; }

    public IReadOnlyList<string> Namespaces { get; set; } = ["default", "kube-system", "kube-public", "kube-node-lease"];
}
