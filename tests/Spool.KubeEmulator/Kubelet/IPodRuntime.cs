namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// How the kubelet runs a pod's containers. The default (<see cref="InstantPodRuntime"/>) runs nothing
/// and reports every container Running and Ready; <see cref="ProcessPodRuntime"/> starts real processes.
/// </summary>
public interface IPodRuntime
{
    /// <summary>Starts one container described by <paramref name="launch"/> (environment resolved, volumes materialized, ports mapped).</summary>
    Task<IContainerInstance> StartAsync(ContainerLaunch launch, CancellationToken ct);
}
