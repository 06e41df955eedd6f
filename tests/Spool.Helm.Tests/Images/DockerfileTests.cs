using System.Text.RegularExpressions;
using Spool.Operator.Builders;
using Spool.Operator.Hosting;

namespace Spool.Helm.Tests.Images;

/// <summary>
/// What review would check in broker/Dockerfile and operator/Dockerfile, checked on every build (no container engine
/// runs here): SDK build stage and ASP.NET runtime stage, non-root user matching the pods' UID, OCI labels, a health
/// check on the HTTP port, and an entrypoint that is the published executable.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string[] OciLabels =
    [
        "org.opencontainers.image.title", "org.opencontainers.image.description", "org.opencontainers.image.version",
        "org.opencontainers.image.revision", "org.opencontainers.image.created", "org.opencontainers.image.vendor",
        "org.opencontainers.image.licenses", "org.opencontainers.image.base.name",
    ];

    public static TheoryData<string> Images => ImageTarget.Names();

    [Theory]
    [MemberData(nameof(Images))]
    public void Builds_with_the_sdk_and_runs_on_the_aspnet_runtime(string image)
    {
        var dockerfile = ImageTarget.Named(image).Load();
        dockerfile.Stages.Should().HaveCount(2, "an SDK build stage and a runtime stage");
        dockerfile.Build.BaseImage.Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/sdk:10\.0(-[a-z]+)?$");
        dockerfile.Build.From.Should().Contain("--platform=$BUILDPLATFORM", "cross-architecture builds publish for the target RID instead of emulating the SDK");
        dockerfile.Runtime.BaseImage.Should().MatchRegex(@"^mcr\.microsoft\.com/dotnet/aspnet:10\.0(-[a-z-]+)?$", "both processes serve HTTP through ASP.NET Core");
        dockerfile.Runtime.All("COPY").Should().ContainSingle().Which.Arguments.Should().Be("--from=build /out /app", "only the published output reaches the runtime image");
        dockerfile.Stages.SelectMany(s => s.Instructions).Should().NotContain(i => i.Keyword == "ADD", "COPY only: nothing is fetched at build time");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Runs_as_the_non_root_user_the_pods_run_as(string image)
    {
        var dockerfile = ImageTarget.Named(image).Load();
        var user = dockerfile.Runtime.Last("USER")?.Arguments;
        user.Should().NotBeNull();
        user.Should().Be($"{StatefulSetBuilder.BrokerUser}:{StatefulSetBuilder.BrokerUser}",
            "a numeric non-root UID lets runAsNonRoot verify it; the operator's StatefulSet and the chart run as 1654 too");
        var afterUser = dockerfile.Runtime.Instructions.SkipWhile(i => i.Keyword != "USER").Skip(1);
        afterUser.Should().NotContain(i => i.Keyword == "RUN", "nothing runs as root after switching to the runtime user");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Carries_oci_labels(string image)
    {
        var labels = string.Join(' ', ImageTarget.Named(image).Load().Runtime.All("LABEL").Select(l => l.Arguments));
        foreach (var label in OciLabels)
        {
            labels.Should().Contain($"{label}=", image);
        }

        labels.Should().Contain($"org.opencontainers.image.title=\"spool-{image}\"");
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Health_check_asks_healthz_on_the_http_port(string image)
    {
        var target = ImageTarget.Named(image);
        var dockerfile = target.Load();
        var check = dockerfile.Runtime.Last("HEALTHCHECK")?.Arguments;
        check.Should().NotBeNull();
        check.Should().Contain($"/dev/tcp/127.0.0.1/{target.HealthPort}").And.Contain("GET /healthz HTTP/1.1");
        var exposed = dockerfile.Runtime.All("EXPOSE").SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(int.Parse);
        exposed.Should().BeEquivalentTo(target.Ports);
        if (target == ImageTarget.Broker)
        {
            target.Ports.Should().Equal(BrokerPorts.Kafka, BrokerPorts.Controller, BrokerPorts.Http);
        }
        else
        {
            target.HealthPort.Should().Be(new OperatorOptions().HttpPort, "the operator's default --http-port");
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Entrypoint_runs_the_published_executable(string image)
    {
        var target = ImageTarget.Named(image);
        var dockerfile = target.Load();
        dockerfile.Runtime.Last("ENTRYPOINT")!.Arguments.Should().Be($"[\"dotnet\", \"/app/{target.Assembly}.dll\"]");
        var publish = dockerfile.Build.All("RUN").Single(r => r.Arguments.Contains("dotnet publish", StringComparison.Ordinal)).Arguments;
        publish.Should().Contain("-c Release").And.Contain("--self-contained false").And.Contain("-o /out");
        Regex.IsMatch(publish, @"-r ""\$rid""").Should().BeTrue("the runtime identifier follows TARGETARCH");
    }

    [Fact]
    public void Broker_image_keeps_data_and_temporary_files_apart_from_the_read_only_root()
    {
        var runtime = ImageTarget.Broker.Load().Runtime;
        runtime.Last("WORKDIR")!.Arguments.Should().Be(BrokerPaths.Volume, "the default log.dir ./data then lands in the data volume");
        runtime.Last("VOLUME")!.Arguments.Should().Be($"[\"{BrokerPaths.Volume}\"]");
        string.Join(' ', runtime.All("RUN").Select(r => r.Arguments)).Should()
            .Contain("libzstd1").And.Contain("liblz4-1").And.Contain("libsnappy1v5").And.Contain($"install -d -o 1654 -g 1654 -m 0750 {BrokerPaths.Volume}");

        // An ENV SPOOL_* would override the operator's server.properties (environment variables are read last).
        runtime.All("ENV").Should().NotContain(e => e.Arguments.Contains("SPOOL_", StringComparison.Ordinal));
    }
}
