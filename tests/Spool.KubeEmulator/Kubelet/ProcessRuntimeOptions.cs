using System.Diagnostics;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// Hooks of the process runtime. The default start info runs the container's command (or the
/// entrypoint registered for its image) with its args, resolved environment, mount paths rewritten to
/// host paths and (optionally) declared port numbers rewritten to the pod's real loopback ports.
/// </summary>
public sealed class ProcessRuntimeOptions
{
    /// <summary>Full override: return the start info for a container, or null to use the default.</summary>
    public Func<ContainerLaunch, ProcessStartInfo?>? StartInfoFactory { get; set; }

    /// <summary>Adjusts the default start info (e.g. rewrite a broker's listeners to the pod's ports).</summary>
    public Action<ContainerLaunch, ProcessStartInfo>? Configure { get; set; }

    /// <summary>Entrypoints for images, used when a container has no command: image (with or without tag) to argv.</summary>
    public Dictionary<string, string[]> ImageCommands { get; } = new(StringComparer.Ordinal);

    /// <summary>Rewrite arguments and env values that are a declared containerPort ("8080", "=8080", ":8080") to the real port.</summary>
    public bool RewritePorts { get; set; } = true;
}
