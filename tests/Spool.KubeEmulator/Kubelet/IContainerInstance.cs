using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>A started container: its exit, its probes and hooks, and how it is stopped.</summary>
public interface IContainerInstance : IAsyncDisposable
{
    /// <summary>Completes with the exit code when the container ends.</summary>
    Task<int> Exited { get; }

    /// <summary>Path of the captured stdout/stderr, if any (served by pods/log).</summary>
    string? LogPath { get; }

    /// <summary>Runs one probe (httpGet, tcpSocket, exec or grpc) against the container; true on success.</summary>
    Task<bool> ProbeAsync(JsonObject probe, CancellationToken ct);

    /// <summary>Runs a lifecycle handler (preStop/postStart: httpGet, exec or sleep).</summary>
    Task RunHandlerAsync(JsonObject handler, CancellationToken ct);

    /// <summary>SIGTERM, up to <paramref name="gracePeriod"/> to exit, then SIGKILL.</summary>
    Task StopAsync(TimeSpan gracePeriod, CancellationToken ct);
}
