using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>Writes the pod status the kubelet would report, when it changed.</summary>
    private void WriteStatus(JsonObject pod)
    {
        var now = Jn.Timestamp(_kubelet.Service.Now);
        var statuses = new JsonArray();
        foreach (var c in _containers)
        {
            statuses.Add(ContainerStatus(c, pod));
        }
        var anyRunning = _containers.Any(c => c.Instance is not null);
        var allDone = _containers.All(c => c.Done);
        var phase = (allDone || (_terminating && !anyRunning)) && _containers.Count > 0
            ? (_initFailed || _containers.Any(c => c.ExitCode != 0) ? "Failed" : "Succeeded")
            : _initialized && (anyRunning || _containers.Any(c => c.RestartAt is not null)) ? "Running" : "Pending";
        var ready = _initialized && !_terminating && _containers.All(c => c.Ready) && phase == "Running";
        var signature = Jn.Serialize(statuses) + phase + ready + _initialized;
        if (signature == _lastStatus)
        {
            return;
        }
        _kubelet.Service.Mutate(PodType, Namespace, Name, o =>
        {
            if (Jn.Uid(o) != _uid)
            {
                return;
            }
            var status = Jn.Ensure(o, "status");
            status["phase"] = phase;
            PodKubelet.SetCondition(status, "PodReadyToStartContainers", _volumes.Count > 0 || _initialized ? "True" : "False", now, null, null);
            PodKubelet.SetCondition(status, "Initialized", _initialized ? "True" : "False", now, _initialized ? null : "ContainersNotInitialized",
                _initialized ? null : "containers with incomplete status: [init]");
            PodKubelet.SetCondition(status, "Ready", ready ? "True" : "False", now, ready ? null : "ContainersNotReady",
                ready ? null : $"containers with unready status: [{string.Join(" ", _containers.Where(c => !c.Ready).Select(c => c.Name))}]");
            PodKubelet.SetCondition(status, "ContainersReady", ready ? "True" : "False", now, ready ? null : "ContainersNotReady",
                ready ? null : $"containers with unready status: [{string.Join(" ", _containers.Where(c => !c.Ready).Select(c => c.Name))}]");
            PodKubelet.SetCondition(status, "PodScheduled", "True", now, null, null);
            status["hostIP"] = "127.0.0.1";
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = "127.0.0.1" });
            status["podIP"] = "127.0.0.1";
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = "127.0.0.1" });
            status["startTime"] = Jn.Timestamp(_startTime);
            status["containerStatuses"] = statuses.DeepClone();
        }, "kubelet", "status");
        _lastStatus = signature;
    }

    private JsonObject ContainerStatus(ContainerRun c, JsonObject pod)
    {
        JsonObject state;
        if (c.Instance is not null)
        {
            state = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Jn.Timestamp(c.StartedAt) } };
        }
        else if (c.Terminated is not null)
        {
            state = new JsonObject { ["terminated"] = c.Terminated.DeepClone() };
        }
        else
        {
            var waiting = new JsonObject { ["reason"] = c.WaitingReason ?? "ContainerCreating" };
            if (c.WaitingMessage is not null)
            {
                waiting["message"] = c.WaitingMessage;
            }
            state = new JsonObject { ["waiting"] = waiting };
        }
        var image = Jn.Str(c.Spec, "image") ?? "";
        var result = new JsonObject
        {
            ["name"] = c.Name,
            ["state"] = state,
            ["lastState"] = c.LastTerminated is null ? new JsonObject() : new JsonObject { ["terminated"] = c.LastTerminated.DeepClone() },
            ["ready"] = c.Ready,
            ["restartCount"] = c.RestartCount,
            ["image"] = image,
            ["imageID"] = image,
            ["started"] = c.Instance is not null && c.Started,
        };
        if (c.Instance is not null || c.Terminated is not null)
        {
            result["containerID"] = ContainerId(c);
        }
        _ = pod;
        return result;
    }
}
