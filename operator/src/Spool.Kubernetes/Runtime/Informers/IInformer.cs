using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Runtime;

/// <summary>The type-independent face of an informer, for running and health checks.</summary>
public interface IInformer
{
    ResourceType ResourceType { get; }

    bool HasSynced { get; }

    Task RunAsync(CancellationToken cancellationToken);

    Task WaitForSyncAsync(CancellationToken cancellationToken);
}
