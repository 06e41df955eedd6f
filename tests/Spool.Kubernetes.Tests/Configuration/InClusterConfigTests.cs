using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Configuration;

public sealed class InClusterConfigTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("serviceaccount");

    public void Dispose() => _dir.Delete(true);

    private string TokenPath => Path.Combine(_dir.FullName, "token");

    [Fact]
    public async Task Service_environment_and_mounted_account_make_the_options()
    {
        using var pki = new TestCertificates();
        await File.WriteAllTextAsync(TokenPath, "sa-token");
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "ca.crt"), pki.CaPem);
        await File.WriteAllTextAsync(Path.Combine(_dir.FullName, "namespace"), "spool-system");
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "10.96.0.1", ["KUBERNETES_SERVICE_PORT"] = "443" };

        InClusterConfig.IsInCluster(n => env.GetValueOrDefault(n), _dir.FullName).Should().BeTrue();
        var options = InClusterConfig.Load(n => env.GetValueOrDefault(n), _dir.FullName);
        options.Server.Should().Be(new Uri("https://10.96.0.1:443"));
        options.Namespace.Should().Be("spool-system");
        options.CertificateAuthorities.Should().ContainSingle();
        (await options.TokenSource!.GetTokenAsync(default)).Should().Be("sa-token");
    }

    [Fact]
    public void Ipv6_service_addresses_are_bracketed()
    {
        File.WriteAllText(TokenPath, "t");
        var env = new Dictionary<string, string?> { ["KUBERNETES_SERVICE_HOST"] = "fd00::1", ["KUBERNETES_SERVICE_PORT"] = "6443" };
        InClusterConfig.Load(n => env.GetValueOrDefault(n), _dir.FullName).Server.Should().Be(new Uri("https://[fd00::1]:6443"));
    }

    [Fact]
    public void Outside_a_pod_it_is_not_in_cluster()
    {
        InClusterConfig.IsInCluster(_ => null, _dir.FullName).Should().BeFalse();
        var act = () => InClusterConfig.Load(_ => null, _dir.FullName);
        act.Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public async Task A_rotated_token_is_read_again_when_the_file_changes_or_a_minute_passes()
    {
        var time = new ManualTimeProvider();
        await File.WriteAllTextAsync(TokenPath, "one");
        var source = new FileTokenSource(TokenPath, time);
        (await source.GetTokenAsync(default)).Should().Be("one");

        // Rotation replaces the file: a new timestamp is noticed at once.
        await File.WriteAllTextAsync(TokenPath, "two");
        File.SetLastWriteTimeUtc(TokenPath, DateTime.UtcNow.AddMinutes(5));
        (await source.GetTokenAsync(default)).Should().Be("two");

        // Same timestamp (coarse file systems, atomic symlink swaps): the periodic re-read catches it.
        var stamp = File.GetLastWriteTimeUtc(TokenPath);
        await File.WriteAllTextAsync(TokenPath, "three");
        File.SetLastWriteTimeUtc(TokenPath, stamp);
        (await source.GetTokenAsync(default)).Should().Be("two");
        time.Advance(TimeSpan.FromSeconds(61));
        (await source.GetTokenAsync(default)).Should().Be("three");
    }
}
