using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>The kubelet's bookkeeping for one container of a pod.</summary>
internal sealed class ContainerRun(JsonObject spec)
{
    public JsonObject Spec { get; } = spec;

    public string Name => Spec["name"]?.GetValue<string>() ?? "";

    public IContainerInstance? Instance { get; set; }

    public int RestartCount { get; set; }

    public bool Ready { get; set; }

    /// <summary>The startup probe has passed (or there is none).</summary>
    public bool Started { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset? RestartAt { get; set; }

    public JsonObject? LastTerminated { get; set; }

    public JsonObject? Terminated { get; set; }

    public string? WaitingReason { get; set; } = "ContainerCreating";

    public string? WaitingMessage { get; set; }

    /// <summary>Exited and not to be restarted.</summary>
    public bool Done { get; set; }

    public int ReadySuccesses { get; set; }

    public int ReadyFailures { get; set; }

    public int LiveFailures { get; set; }

    public int StartupFailures { get; set; }

    public DateTimeOffset NextReadiness { get; set; }

    public DateTimeOffset NextLiveness { get; set; }

    public DateTimeOffset NextStartup { get; set; }

    public string? LogPath { get; set; }

    public int ExitCode { get; set; }
}
