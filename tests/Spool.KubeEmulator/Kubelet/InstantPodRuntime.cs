namespace Spool.KubeEmulator.Kubelet;

/// <summary>Runs nothing: each container is Running at once, passes every probe, and stops when asked.</summary>
public sealed class InstantPodRuntime : IPodRuntime
{
    public Task<IContainerInstance> StartAsync(ContainerLaunch launch, CancellationToken ct) =>
        Task.FromResult<IContainerInstance>(new InstantContainer());
}
