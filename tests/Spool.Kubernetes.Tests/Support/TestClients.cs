using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Tests.Support;

public static class TestClients
{
    public static KubernetesClient Create(HttpMessageHandler handler, KubernetesSerializer? serializer = null, string server = "http://kube.test", TimeProvider? timeProvider = null) =>
        new(new KubernetesClientOptions { Server = new Uri(server), FieldManager = "spool-test" }, serializer, handler, timeProvider);
}
