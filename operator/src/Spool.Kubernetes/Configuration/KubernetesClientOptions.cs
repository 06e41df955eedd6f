using System.Security.Cryptography.X509Certificates;

namespace Spool.Kubernetes.Configuration;

/// <summary>Where the API server is and how to authenticate; built from kubeconfig or the in-cluster service account.</summary>
public sealed class KubernetesClientOptions
{
    /// <summary>http:// or https:// base address, possibly with a path prefix (proxies put clusters under one).</summary>
    public required Uri Server { get; set; }

    /// <summary>Trusted roots for the server certificate; null uses the system store.</summary>
    public X509Certificate2Collection? CertificateAuthorities { get; set; }

    public bool SkipTlsVerify { get; set; }

    /// <summary>Name to verify the server certificate against when it differs from the server host.</summary>
    public string? TlsServerName { get; set; }

    /// <summary>Client certificate with its private key, for mutual TLS.</summary>
    public X509Certificate2? ClientCertificate { get; set; }

    public ITokenSource? TokenSource { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The context's namespace (or the pod's, in cluster).</summary>
    public string Namespace { get; set; } = "default";

    /// <summary>Limit for one non-watch request.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Field manager for server-side apply and writes that name none.</summary>
    public string? FieldManager { get; set; }

    public string UserAgent { get; set; } = "spool-kubernetes/0.1";

    /// <summary>In-cluster configuration when running in a pod, otherwise kubeconfig (KUBECONFIG or ~/.kube/config).</summary>
    public static KubernetesClientOptions FromEnvironment() =>
        InClusterConfig.IsInCluster() ? InClusterConfig.Load() : KubeConfigLoader.Load();
}
