using System.Globalization;
using Spool.KubeEmulator.Kubelet;
using Spool.Operator.Builders;

namespace Spool.E2E.Tests.Harness;

/// <summary>
/// How the emulator's kubelet runs broker containers: the image's entrypoint is <c>dotnet spool-broker.dll</c>, and
/// because every pod shares 127.0.0.1, the listeners server.properties declares (:9092, :9093, :9644 on all
/// interfaces) are moved to the pod's own loopback ports and log.dirs to its claim's directory, through the
/// environment, which the broker reads last. advertised.listeners stays the pod's DNS name on 9092, exactly what
/// the operator set: clients reach it through the emulator's resolver, as they would through cluster DNS.
/// </summary>
public static class BrokerPods
{
    public const string Image = "ghcr.io/spool-dev/spool-broker:e2e";

    public static ProcessRuntimeOptions Runtime()
    {
        var options = new ProcessRuntimeOptions { RewritePorts = false, Configure = Configure };
        options.ImageCommands[Image] = ["dotnet", RepoPaths.Beside("spool-broker.dll")];
        return options;
    }

    private static void Configure(ContainerLaunch launch, System.Diagnostics.ProcessStartInfo start)
    {
        if (launch.ContainerName != StatefulSetBuilder.ContainerName)
        {
            return;
        }

        string Port(int containerPort) => launch.Ports[containerPort].ToString(CultureInfo.InvariantCulture);
        start.Environment["SPOOL_LISTENERS"] = $"PLAINTEXT://127.0.0.1:{Port(BrokerPorts.Kafka)},CONTROLLER://127.0.0.1:{Port(BrokerPorts.Controller)}";
        start.Environment["SPOOL_HTTP_LISTENERS"] = $"http://127.0.0.1:{Port(BrokerPorts.Http)}";
        start.Environment["SPOOL_LOG_DIRS"] = launch.MapPath(BrokerPaths.LogDir);
        start.Environment["DOTNET_gcServer"] = "0";
    }
}
