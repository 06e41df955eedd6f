using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kubelet;

internal sealed partial class PodWorker
{
    private async Task<bool> RunInitContainersAsync(CancellationToken ct)
    {
        var pod = Current();
        var inits = (Jn.ArrAt(pod, "spec", "initContainers") ?? []).OfType<JsonObject>().ToList();
        foreach (var spec in inits)
        {
            var run = new ContainerRun((JsonObject)spec.DeepClone());
            while (true)
            {
                pod = Current();
                if (pod is null || Jn.IsDeleting(pod))
                {
                    if (pod is not null)
                    {
                        await TerminateAsync(pod, ct);
                    }
                    return false;
                }
                if (!await StartAsync(pod, run, ct))
                {
                    await Task.Delay(_kubelet.Options.SyncInterval, ct);
                    continue;
                }
                var code = await run.Instance!.Exited.WaitAsync(ct);
                await run.Instance.DisposeAsync();
                run.Instance = null;
                if (code == 0)
                {
                    break;
                }
                if (Jn.Str(pod, "spec", "restartPolicy") == "Never")
                {
                    foreach (var c in _containers)
                    {
                        c.Done = true;
                    }
                    _initFailed = true;
                    WriteStatus(pod);
                    return false;
                }
                run.RestartCount++;
                await Task.Delay(Backoff(run.RestartCount), ct);
            }
        }
        return true;
    }

    private bool _initFailed;

    private async Task<bool> StartAsync(JsonObject pod, ContainerRun run, CancellationToken ct)
    {
        try
        {
            var env = EnvResolver.Resolve(pod, run.Spec, _kubelet.Service, "127.0.0.1", _kubelet.ApiServerPort);
            var launch = new ContainerLaunch
            {
                Pod = pod,
                Container = run.Spec,
                PodDirectory = _podDir,
                Ports = _ports,
                Environment = env,
                Mounts = VolumeSetup.Mounts(run.Spec, _volumes),
                RestartCount = run.RestartCount,
            };
            run.Instance = await _kubelet.Runtime.StartAsync(launch, ct);
            run.LogPath = run.Instance.LogPath;
            run.StartedAt = _kubelet.Service.Now;
            run.WaitingReason = null;
            run.WaitingMessage = null;
            run.Terminated = null;
            run.Ready = false;
            run.ReadySuccesses = 0;
            run.ReadyFailures = 0;
            run.LiveFailures = 0;
            run.StartupFailures = 0;
            run.Started = run.Spec["startupProbe"] is null;
            var now = DateTimeOffset.UtcNow;
            run.NextReadiness = now + InitialDelay(run.Spec["readinessProbe"]);
            run.NextLiveness = now + InitialDelay(run.Spec["livenessProbe"]);
            run.NextStartup = now + InitialDelay(run.Spec["startupProbe"]);
            if (run.Spec["readinessProbe"] is null)
            {
                run.Ready = run.Started;
            }
            if (Jn.ObjAt(run.Spec, "lifecycle", "postStart") is { } postStart)
            {
                await run.Instance.RunHandlerAsync(postStart, ct);
            }
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            run.WaitingReason = e is InvalidOperationException && e.Message.Contains("not found", StringComparison.Ordinal)
                ? "CreateContainerConfigError"
                : "RunContainerError";
            run.WaitingMessage = e.Message;
            return false;
        }
    }

    private async Task TickAsync(JsonObject pod, CancellationToken ct)
    {
        var policy = Jn.Str(pod, "spec", "restartPolicy") ?? "Always";
        var now = DateTimeOffset.UtcNow;
        foreach (var run in _containers)
        {
            if (run.Done)
            {
                continue;
            }
            if (run.Instance is null)
            {
                if (run.RestartAt is null || now >= run.RestartAt)
                {
                    if (run.RestartAt is not null)
                    {
                        run.RestartCount++;
                    }
                    run.RestartAt = null;
                    if (!await StartAsync(pod, run, ct))
                    {
                        run.RestartAt = now + _kubelet.Options.SyncInterval;
                    }
                }
                continue;
            }
            if (run.Instance.Exited.IsCompleted)
            {
                await OnExitedAsync(run, run.Instance.Exited.Result, policy);
                continue;
            }
            await ProbeAsync(run, now, ct);
        }
    }

    private async Task OnExitedAsync(ContainerRun run, int code, string policy)
    {
        var finished = _kubelet.Service.Now;
        run.ExitCode = code;
        run.Terminated = new JsonObject
        {
            ["exitCode"] = code,
            ["reason"] = code == 0 ? "Completed" : "Error",
            ["startedAt"] = Jn.Timestamp(run.StartedAt),
            ["finishedAt"] = Jn.Timestamp(finished),
            ["containerID"] = ContainerId(run),
        };
        run.Ready = false;
        await run.Instance!.DisposeAsync();
        run.Instance = null;
        var restart = policy == "Always" || (policy == "OnFailure" && code != 0);
        if (!restart)
        {
            run.Done = true;
            return;
        }
        run.LastTerminated = run.Terminated;
        run.Terminated = null;
        run.WaitingReason = "CrashLoopBackOff";
        run.WaitingMessage = $"back-off restarting failed container {run.Name}";
        run.RestartAt = DateTimeOffset.UtcNow + Backoff(run.RestartCount + 1);
    }

    private async Task ProbeAsync(ContainerRun run, DateTimeOffset now, CancellationToken ct)
    {
        var instance = run.Instance!;
        if (!run.Started)
        {
            if (run.Spec["startupProbe"] is JsonObject startup && now >= run.NextStartup)
            {
                run.NextStartup = now + Period(startup);
                if (await instance.ProbeAsync(startup, ct))
                {
                    run.Started = true;
                    run.Ready = run.Spec["readinessProbe"] is null;
                }
                else if (++run.StartupFailures >= (Jn.Long(startup, "failureThreshold") ?? 3))
                {
                    await RestartAsync(run, ct);
                }
            }
            return;
        }
        if (run.Spec["livenessProbe"] is JsonObject liveness && now >= run.NextLiveness)
        {
            run.NextLiveness = now + Period(liveness);
            if (await instance.ProbeAsync(liveness, ct))
            {
                run.LiveFailures = 0;
            }
            else if (++run.LiveFailures >= (Jn.Long(liveness, "failureThreshold") ?? 3))
            {
                await RestartAsync(run, ct);
                return;
            }
        }
        if (run.Spec["readinessProbe"] is JsonObject readiness && now >= run.NextReadiness)
        {
            run.NextReadiness = now + Period(readiness);
            if (await instance.ProbeAsync(readiness, ct))
            {
                run.ReadyFailures = 0;
                if (++run.ReadySuccesses >= (Jn.Long(readiness, "successThreshold") ?? 1))
                {
                    run.Ready = true;
                }
            }
            else
            {
                run.ReadySuccesses = 0;
                if (++run.ReadyFailures >= (Jn.Long(readiness, "failureThreshold") ?? 3) || !run.Ready)
                {
                    run.Ready = false;
                }
            }
        }
    }

    /// <summary>A failed liveness or startup probe: the container is killed (gracefully) and started again.</summary>
    private async Task RestartAsync(ContainerRun run, CancellationToken ct)
    {
        var pod = Current();
        var grace = TimeSpan.FromSeconds(Jn.Long(pod, "spec", "terminationGracePeriodSeconds") ?? 30);
        await run.Instance!.StopAsync(grace, ct);
        var code = run.Instance.Exited.IsCompleted ? run.Instance.Exited.Result : 137;
        await OnExitedAsync(run, code, "Always");
        run.RestartAt = DateTimeOffset.UtcNow;
    }

    private TimeSpan Period(JsonObject probe)
    {
        var spec = TimeSpan.FromSeconds(Jn.Long(probe, "periodSeconds") ?? 10);
        return spec < _kubelet.Options.MaxProbePeriod ? spec : _kubelet.Options.MaxProbePeriod;
    }

    private TimeSpan InitialDelay(JsonNode? probe)
    {
        var spec = TimeSpan.FromSeconds(Jn.Long(probe, "initialDelaySeconds") ?? 0);
        return spec < _kubelet.Options.MaxInitialDelay ? spec : _kubelet.Options.MaxInitialDelay;
    }

    private TimeSpan Backoff(int restarts)
    {
        var ms = Math.Min(_kubelet.Options.MaxRestartBackoff.TotalMilliseconds, 100 * Math.Pow(2, Math.Min(restarts, 16)));
        return TimeSpan.FromMilliseconds(ms);
    }

    private string ContainerId(ContainerRun run) => $"emulator://{_uid[..8]}-{run.Name}-{run.RestartCount}";
}
