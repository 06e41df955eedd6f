using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Spool.Kubernetes.Configuration;

/// <summary>Builds the socket handler: custom CA trust, optional skip-verify, and the client certificate.</summary>
public static class KubernetesHttpHandlerFactory
{
    public static SocketsHttpHandler Create(KubernetesClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            // Watches hold connections open; several HTTP/2 connections avoid a stream limit stalling new calls.
            EnableMultipleHttp2Connections = true,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AutomaticDecompression = System.Net.DecompressionMethods.GZip,
        };

        if (options.Server.Scheme == Uri.UriSchemeHttps)
        {
            var ssl = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, chain, errors) => Validate(options, certificate, chain, errors),
            };
            if (options.TlsServerName is { Length: > 0 } serverName)
            {
                ssl.TargetHost = serverName;
            }

            if (options.ClientCertificate is { } clientCertificate)
            {
                ssl.ClientCertificates = [clientCertificate];
            }

            handler.SslOptions = ssl;
        }

        return handler;
    }

    private static bool Validate(KubernetesClientOptions options, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (options.SkipTlsVerify || errors == SslPolicyErrors.None)
        {
            return true;
        }

        // A name mismatch or a missing certificate is never excused by a custom root.
        if (options.CertificateAuthorities is not { Count: > 0 } roots || certificate is null
            || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != 0)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        custom.ChainPolicy.CustomTrustStore.AddRange(roots);
        if (chain is not null)
        {
            foreach (var element in chain.ChainElements)
            {
                custom.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        if (certificate is X509Certificate2 leaf)
        {
            return custom.Build(leaf);
        }

        using var copy = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(copy);
    }
}
