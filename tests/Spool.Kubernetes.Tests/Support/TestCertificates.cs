using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Spool.Kubernetes.Tests.Support;

/// <summary>A throwaway CA with server and client certificates, exported as the PEM a kubeconfig carries.</summary>
public sealed class TestCertificates : IDisposable
{
    // RSA key generation is slow; one RSA client key serves every test, the rest are quick EC keys.
    private static readonly Lazy<RSA> SharedRsaKey = new(() => RSA.Create(2048));

    private readonly ECDsa _caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public TestCertificates(string caName = "CN=spool-test-ca")
    {
        var request = new CertificateRequest(caName, _caKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
    }

    public X509Certificate2 Ca { get; }

    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>A server certificate for localhost and 127.0.0.1, with its key (for Kestrel).</summary>
    public X509Certificate2 CreateServer()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var issued = Issue(request);
        return X509CertificateLoader.LoadPkcs12(issued.CopyWithPrivateKey(key).Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A client certificate as (certificate PEM, key PEM) with the key in PKCS#1, SEC1 or PKCS#8 form.</summary>
    public (string CertificatePem, string KeyPem) CreateClient(string commonName, string keyKind)
    {
        var key = keyKind == "ec" ? ECDsa.Create(ECCurve.NamedCurves.nistP256) : (AsymmetricAlgorithm)SharedRsaKey.Value;
        var request = new CertificateRequest(new X500DistinguishedName($"CN={commonName}, O=system:masters"), new PublicKey(key), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var certificate = Issue(request);
        var keyPem = keyKind switch
        {
            "rsa" => ((RSA)key).ExportRSAPrivateKeyPem(),
            "ec" => ((ECDsa)key).ExportECPrivateKeyPem(),
            _ => key.ExportPkcs8PrivateKeyPem(),
        };
        return (certificate.ExportCertificatePem(), keyPem);
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
    }

    private X509Certificate2 Issue(CertificateRequest request)
    {
        var serial = new byte[8];
        RandomNumberGenerator.Fill(serial);
        serial[0] &= 0x7F;
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, true, false));
        return request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForECDsa(_caKey), DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(12), serial);
    }
}
