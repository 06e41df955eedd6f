using Spool.Kubernetes.Client;

namespace Spool.Kubernetes.Models;

/// <summary>A typed object that knows where it is served, so <c>client.Resource&lt;T&gt;()</c> needs no arguments.</summary>
public interface IKubernetesResource : IKubernetesObject
{
    static abstract ResourceType Resource { get; }
}
