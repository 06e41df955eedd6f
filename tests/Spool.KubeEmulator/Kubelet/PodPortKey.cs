namespace Spool.KubeEmulator.Kubelet;

public readonly record struct PodPortKey(string Namespace, string Pod, int ContainerPort);
