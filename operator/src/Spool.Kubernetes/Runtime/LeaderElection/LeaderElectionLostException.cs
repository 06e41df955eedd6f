namespace Spool.Kubernetes.Runtime;

/// <summary>
/// Leadership ended without shutdown being requested. The process should exit so that it restarts as a fresh
/// candidate (controller-runtime does the same), rather than keep running with controllers stopped.
/// </summary>
public sealed class LeaderElectionLostException(string message) : Exception(message);
