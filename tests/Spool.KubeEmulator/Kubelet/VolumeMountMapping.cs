namespace Spool.KubeEmulator.Kubelet;

/// <summary>A volumeMount of the container (its mountPath) and the host directory or file backing it.</summary>
public sealed record VolumeMountMapping(string VolumeName, string MountPath, string HostPath, bool ReadOnly);
