using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Spool.Kubernetes.Configuration;

/// <summary>PEM decoding for CA bundles and client certificates (PKCS#8, PKCS#1 RSA and SEC1 EC keys).</summary>
public static class PemCertificates
{
    private const string BeginCertificate = "-----BEGIN CERTIFICATE-----";
    private const string EndCertificate = "-----END CERTIFICATE-----";

    /// <summary>Every certificate in a PEM bundle (CA files often hold intermediates and roots together).</summary>
    public static X509Certificate2Collection LoadBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        var index = 0;
        while ((index = pem.IndexOf(BeginCertificate, index, StringComparison.Ordinal)) >= 0)
        {
            var end = pem.IndexOf(EndCertificate, index, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            end += EndCertificate.Length;
            collection.Add(X509Certificate2.CreateFromPem(pem.AsSpan(index, end - index)));
            index = end;
        }

        if (collection.Count == 0)
        {
            throw new InvalidOperationException("The certificate authority data holds no PEM certificate.");
        }

        return collection;
    }

    public static X509Certificate2Collection LoadBundle(byte[] pem) => LoadBundle(Encoding.UTF8.GetString(pem));

    /// <summary>A certificate with its private key; the key's PEM label says RSA, EC or PKCS#8 and CreateFromPem reads all three.</summary>
    public static X509Certificate2 LoadClientCertificate(string certificatePem, string keyPem)
    {
        var certificate = X509Certificate2.CreateFromPem(certificatePem, keyPem);
        if (OperatingSystem.IsWindows())
        {
            // SChannel cannot use an ephemeral key for client authentication; a PKCS#12 round trip persists it.
            var exported = certificate.Export(X509ContentType.Pkcs12);
            certificate.Dispose();
            return X509CertificateLoader.LoadPkcs12(exported, null);
        }

        return certificate;
    }
}
