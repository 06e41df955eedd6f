using System.Text;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Configuration;

public sealed class KubeConfigTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("kubeconfig");

    public void Dispose() => _dir.Delete(true);

    private static string B64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Current_context_picks_cluster_user_and_namespace()
    {
        const string yaml = """
            apiVersion: v1
            kind: Config
            current-context: dev
            clusters:
            - name: prod
              cluster:
                server: https://prod.example:6443
            - name: local
              cluster:
                server: http://127.0.0.1:8080
            contexts:
            - name: prod
              context: {cluster: prod, user: admin}
            - name: dev
              context:
                cluster: local
                user: dev-user
                namespace: team-a
            users:
            - name: admin
              user: {token: admin-token}
            - name: dev-user
              user:
                token: dev-token
            """;
        var options = KubeConfigLoader.LoadFromString(yaml);
        options.Server.Should().Be(new Uri("http://127.0.0.1:8080"));
        options.Namespace.Should().Be("team-a");
        (await options.TokenSource!.GetTokenAsync(default)).Should().Be("dev-token");
        options.CertificateAuthorities.Should().BeNull();

        var prod = KubeConfigLoader.LoadFromString(yaml, context: "prod");
        prod.Server.Should().Be(new Uri("https://prod.example:6443"));
        prod.Namespace.Should().Be("default");
        (await prod.TokenSource!.GetTokenAsync(default)).Should().Be("admin-token");
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ec")]
    [InlineData("pkcs8")]
    public void Client_certificate_and_ca_data_are_decoded(string keyKind)
    {
        using var pki = new TestCertificates();
        var (certificate, key) = pki.CreateClient("alice", keyKind);
        var yaml = $"""
            current-context: c
            clusters:
            - name: c
              cluster:
                server: https://127.0.0.1:6443
                certificate-authority-data: {B64(pki.CaPem)}
                tls-server-name: kubernetes
            contexts:
            - name: c
              context: {"{"}cluster: c, user: u{"}"}
            users:
            - name: u
              user:
                client-certificate-data: {B64(certificate)}
                client-key-data: {B64(key)}
            """;
        var options = KubeConfigLoader.LoadFromString(yaml);
        options.CertificateAuthorities.Should().ContainSingle().Which.Subject.Should().Be("CN=spool-test-ca");
        options.ClientCertificate!.HasPrivateKey.Should().BeTrue();
        options.ClientCertificate.Subject.Should().Contain("CN=alice");
        options.TlsServerName.Should().Be("kubernetes");
        options.TokenSource.Should().BeNull();
    }

    [Fact]
    public async Task File_references_resolve_relative_to_the_kubeconfig()
    {
        using var pki = new TestCertificates();
        var (certificate, key) = pki.CreateClient("bob", "rsa");
        Directory.CreateDirectory(Path.Combine(_dir.FullName, "pki"));
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "pki", "ca.crt"), pki.CaPem + pki.CaPem);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "pki", "bob.crt"), certificate);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "pki", "bob.key"), key);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "token"), "file-token\n");
        var path = Path.Combine(_dir.FullName, "config");
        await File.WriteAllTextAsync(path, """
            current-context: c
            clusters:
            - name: c
              cluster: {server: "https://10.0.0.1", certificate-authority: pki/ca.crt}
            contexts:
            - name: c
              context: {cluster: c, user: u}
            - name: t
              context: {cluster: c, user: tokens}
            users:
            - name: u
              user: {client-certificate: pki/bob.crt, client-key: pki/bob.key}
            - name: tokens
              user: {tokenFile: token}
            """);

        var options = KubeConfigLoader.Load(path);
        options.CertificateAuthorities.Should().HaveCount(2, "a CA file may hold a bundle");
        options.ClientCertificate!.Subject.Should().Contain("CN=bob");

        var withToken = KubeConfigLoader.Load(path, "t");
        (await withToken.TokenSource!.GetTokenAsync(default)).Should().Be("file-token");
    }

    [Fact]
    public async Task KUBECONFIG_lists_merge_with_the_first_file_winning()
    {
        var first = Path.Combine(_dir.FullName, "a");
        var second = Path.Combine(_dir.FullName, "b");
        await File.WriteAllTextAsync(first, """
            current-context: mine
            contexts:
            - name: mine
              context: {cluster: shared, user: me}
            users:
            - name: me
              user: {token: first}
            """);
        await File.WriteAllTextAsync(second, """
            current-context: other
            clusters:
            - name: shared
              cluster: {server: "http://shared:8080", insecure-skip-tls-verify: true}
            users:
            - name: me
              user: {token: second}
            """);
        var env = new Dictionary<string, string?> { ["KUBECONFIG"] = $"{first}{Path.PathSeparator}{Path.Combine(_dir.FullName, "missing")}{Path.PathSeparator}{second}" };
        var options = KubeConfigLoader.Load(environment: name => env.GetValueOrDefault(name));
        options.Server.Should().Be(new Uri("http://shared:8080"));
        options.SkipTlsVerify.Should().BeTrue();
        (await options.TokenSource!.GetTokenAsync(default)).Should().Be("first");
    }

    [Fact]
    public void Home_kube_config_is_the_default()
    {
        Directory.CreateDirectory(Path.Combine(_dir.FullName, ".kube"));
        File.WriteAllText(Path.Combine(_dir.FullName, ".kube", "config"), """
            current-context: c
            clusters: [{name: c, cluster: {server: "https://h:1"}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users: [{name: u, user: {username: admin, password: secret}}]
            """);
        var env = new Dictionary<string, string?> { ["HOME"] = _dir.FullName };
        var options = KubeConfigLoader.Load(environment: name => env.GetValueOrDefault(name));
        options.Server.Should().Be(new Uri("https://h:1"));
        options.Username.Should().Be("admin");
    }

    [Fact]
    public void Exec_plugins_are_refused_with_a_clear_message()
    {
        const string yaml = """
            current-context: c
            clusters: [{name: c, cluster: {server: "https://h:1"}}]
            contexts: [{name: c, context: {cluster: c, user: u}}]
            users: [{name: u, user: {exec: {command: aws, apiVersion: client.authentication.k8s.io/v1beta1}}}]
            """;
        var act = () => KubeConfigLoader.LoadFromString(yaml);
        act.Should().Throw<NotSupportedException>().WithMessage("*exec*");
    }

    [Fact]
    public void Missing_entries_are_reported()
    {
        var act = () => KubeConfigLoader.LoadFromString("""
            current-context: nope
            contexts: []
            """);
        act.Should().Throw<InvalidOperationException>().WithMessage("*context named nope*");
    }
}
