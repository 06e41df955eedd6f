using System.Text;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Configuration;

/// <summary>The client against a real TLS server, configured only through kubeconfig text.</summary>
public sealed class TlsTests
{
    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private static string KubeConfig(Uri server, string clusterExtra, string user) => $"""
        current-context: c
        clusters:
        - name: c
          cluster:
            server: {server}
        {clusterExtra}
        contexts:
        - name: c
          context:
            cluster: c
            user: u
        users:
        - name: u
          user:
        {user}
        """;

    private static async Task<ConfigMap> WhoAmIAsync(string kubeconfig)
    {
        using var client = new KubernetesClient(KubeConfigLoader.LoadFromString(kubeconfig));
        return await client.Resource<ConfigMap>().GetAsync("default", "whoami");
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    public async Task Client_certificate_authenticates_over_https_with_a_custom_ca(string keyKind)
    {
        using var pki = new TestCertificates();
        await using var server = await TestApiServer.StartAsync(pki.CreateServer());
        var (certificate, key) = pki.CreateClient("spool-" + keyKind, keyKind);
        var config = KubeConfig(
            server.Address,
            $"    certificate-authority-data: {B64(pki.CaPem)}",
            $"      client-certificate-data: {B64(certificate)}\n      client-key-data: {B64(key)}");

        var whoami = await WhoAmIAsync(config);
        whoami.Data!["clientCertificate"].Should().Contain($"CN=spool-{keyKind}");
        whoami.Data["path"].Should().Be("/api/v1/namespaces/default/configmaps/whoami");
    }

    [Fact]
    public async Task Bearer_token_over_https()
    {
        using var pki = new TestCertificates();
        await using var server = await TestApiServer.StartAsync(pki.CreateServer());
        var whoami = await WhoAmIAsync(KubeConfig(server.Address, $"    certificate-authority-data: {B64(pki.CaPem)}", "      token: s3cret"));
        whoami.Data!["authorization"].Should().Be("Bearer s3cret");
        whoami.Data["clientCertificate"].Should().BeEmpty();
    }

    [Fact]
    public async Task A_server_signed_by_another_ca_is_rejected()
    {
        using var pki = new TestCertificates();
        using var other = new TestCertificates("CN=someone-else");
        await using var server = await TestApiServer.StartAsync(pki.CreateServer());
        var act = () => WhoAmIAsync(KubeConfig(server.Address, $"    certificate-authority-data: {B64(other.CaPem)}", "      token: t"));
        await act.Should().ThrowAsync<HttpRequestException>();
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_accepts_any_server()
    {
        using var pki = new TestCertificates();
        await using var server = await TestApiServer.StartAsync(pki.CreateServer());
        var whoami = await WhoAmIAsync(KubeConfig(server.Address, "    insecure-skip-tls-verify: true", "      token: t"));
        whoami.Metadata.Name.Should().Be("whoami");
    }

    [Fact]
    public async Task Plain_http_servers_work()
    {
        await using var server = await TestApiServer.StartAsync();
        server.Address.Scheme.Should().Be("http");
        var whoami = await WhoAmIAsync(KubeConfig(server.Address, "", "      token: plain"));
        whoami.Data!["authorization"].Should().Be("Bearer plain");
    }
}
