namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// Kubelet timing. Probe periods and initial delays from pod specs are capped so tests converge
/// quickly; thresholds, grace periods and restart policies are honoured as written.
/// </summary>
public sealed class KubeletOptions
{
    public TimeSpan MaxProbePeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Cap of the crash-loop back-off (the kubelet's is five minutes).</summary>
    public TimeSpan MaxRestartBackoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Publish the pod's port map in the <see cref="PodKubelet.PortsAnnotation"/> annotation.</summary>
    public bool PublishPortAnnotation { get; set; } = true;
}
