using System.Text.Json.Nodes;
using Spool.KubeEmulator.Kubelet;

namespace Spool.KubeEmulator.Tests;

/// <summary>How the process kubelet maps a container's command line onto host paths and ports.</summary>
public sealed class ContainerPathRewriteTests
{
    // The emulator's own directories lie under /tmp, which is also a container mount: the case that used to be
    // rewritten twice.
    private const string TmpHost = "/tmp/emu/pods/p/volumes/tmp";
    private const string DataHost = "/tmp/emu/pods/p/volumes/data";

    private static ContainerLaunch Launch(JsonObject container) => new()
    {
        Pod = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p", ["namespace"] = "default" } },
        Container = container,
        PodDirectory = "/tmp/emu/pods/p",
        Ports = new Dictionary<int, int> { [9092] = 41234 },
        Environment = new Dictionary<string, string> { ["DATA"] = "/var/lib/spool/data/x", ["SCRATCH"] = "/tmp" },
        Mounts =
        [
            new VolumeMountMapping("tmp", "/tmp", TmpHost, ReadOnly: false),
            new VolumeMountMapping("data", "/var/lib/spool/data", DataHost, ReadOnly: false),
        ],
    };

    private static readonly ProcessPodRuntime Runtime = new(new ProcessRuntimeOptions());

    [Theory]
    [InlineData("/var/lib/spool/data", DataHost)]
    [InlineData("/var/lib/spool/data/segments", DataHost + "/segments")]
    [InlineData("--log.dirs=/var/lib/spool/data", "--log.dirs=" + DataHost)]
    [InlineData("log.dirs=/var/lib/spool/data,/tmp/b", "log.dirs=" + DataHost + "," + TmpHost + "/b")]
    [InlineData("/tmp/x", TmpHost + "/x")]
    [InlineData("/tmpfiles/x", "/tmpfiles/x")]
    [InlineData("/opt/tmp/x", "/opt/tmp/x")]
    [InlineData("9092", "41234")]
    [InlineData("PLAINTEXT://0.0.0.0:9092", "PLAINTEXT://0.0.0.0:41234")]
    public void Container_paths_and_ports_map_once(string containerValue, string hostValue) =>
        Runtime.Rewrite(containerValue, Launch(new JsonObject())).Should().Be(hostValue);

    [Fact]
    public void A_host_path_put_in_by_one_mount_is_not_rewritten_by_another() =>
        Runtime.Rewrite("/var/lib/spool/data/a /tmp/b", Launch(new JsonObject()))
            .Should().Be($"{DataHost}/a {TmpHost}/b", $"{DataHost} starts with /tmp/ but is already a host path");

    [Fact]
    public void A_registered_image_entrypoint_is_a_host_command_and_is_not_mapped()
    {
        var options = new ProcessRuntimeOptions();
        options.ImageCommands["spool:e2e"] = ["/tmp/build/dotnet", "/tmp/build/spool-broker.dll"];
        var container = new JsonObject { ["name"] = "broker", ["image"] = "spool:e2e", ["args"] = new JsonArray("/tmp/conf", "$(DATA)") };

        var start = new ProcessPodRuntime(options).DefaultStartInfo(Launch(container));

        start.FileName.Should().Be("/tmp/build/dotnet");
        start.ArgumentList.Should().Equal("/tmp/build/spool-broker.dll", TmpHost + "/conf", DataHost + "/x");
        start.Environment["SCRATCH"].Should().Be(TmpHost);
    }

    [Fact]
    public void A_command_from_the_pod_spec_is_a_container_path_and_is_mapped()
    {
        var container = new JsonObject { ["name"] = "c", ["command"] = new JsonArray("/tmp/run.sh", "--data=$(DATA)") };

        var start = Runtime.DefaultStartInfo(Launch(container));

        start.FileName.Should().Be(TmpHost + "/run.sh");
        start.ArgumentList.Should().Equal("--data=" + DataHost + "/x");
    }
}
