namespace Spool.Kubernetes.Client;

/// <summary>Told about every call before it is sent (including calls that then fail, such as a 403).</summary>
public interface IKubernetesCallObserver
{
    void OnCall(KubernetesCall call);
}
