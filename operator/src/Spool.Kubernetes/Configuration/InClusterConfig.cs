using System.Net.Sockets;

namespace Spool.Kubernetes.Configuration;

/// <summary>Configuration inside a pod: the API address from the service environment and the mounted service account.</summary>
public static class InClusterConfig
{
    public const string DefaultServiceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    public static bool IsInCluster(Func<string, string?>? environment = null, string serviceAccountDirectory = DefaultServiceAccountDirectory)
    {
        environment ??= Environment.GetEnvironmentVariable;
        return !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_HOST"))
            && !string.IsNullOrEmpty(environment("KUBERNETES_SERVICE_PORT"))
            && File.Exists(Path.Combine(serviceAccountDirectory, "token"));
    }

    public static KubernetesClientOptions Load(
        Func<string, string?>? environment = null,
        string serviceAccountDirectory = DefaultServiceAccountDirectory,
        TimeProvider? timeProvider = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port))
        {
            throw new InvalidOperationException("Not in a cluster: KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT are not set.");
        }

        // An IPv6 service address needs brackets in a URI.
        if (System.Net.IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            host = $"[{host}]";
        }

        var options = new KubernetesClientOptions
        {
            Server = new Uri($"https://{host}:{port}"),
            TokenSource = new FileTokenSource(Path.Combine(serviceAccountDirectory, "token"), timeProvider),
        };

        var caPath = Path.Combine(serviceAccountDirectory, "ca.crt");
        if (File.Exists(caPath))
        {
            options.CertificateAuthorities = PemCertificates.LoadBundle(File.ReadAllText(caPath));
        }

        var namespacePath = Path.Combine(serviceAccountDirectory, "namespace");
        if (File.Exists(namespacePath) && File.ReadAllText(namespacePath).Trim() is { Length: > 0 } ns)
        {
            options.Namespace = ns;
        }

        return options;
    }
}
