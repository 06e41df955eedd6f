using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kubelet;

internal sealed partial class PodWorker
{
    /// <summary>
    /// Graceful termination: the pod goes unready, each container's preStop hook runs, then SIGTERM,
    /// then SIGKILL when the grace period (deletionGracePeriodSeconds) runs out; finally the pod gets its
    /// terminal phase and the kubelet's grace-0 delete removes it.
    /// </summary>
    private async Task TerminateAsync(JsonObject pod, CancellationToken ct)
    {
        _terminating = true;
        var grace = TimeSpan.FromSeconds(Jn.Long(pod, "metadata", "deletionGracePeriodSeconds") ?? Jn.Long(pod, "spec", "terminationGracePeriodSeconds") ?? 30);
        var deadline = DateTimeOffset.UtcNow + grace;
        foreach (var c in _containers)
        {
            c.Ready = false;
        }
        WriteStatus(pod);
        await Task.WhenAll(_containers.Where(c => c.Instance is not null).Select(async c =>
        {
            if (Jn.ObjAt(c.Spec, "lifecycle", "preStop") is { } preStop)
            {
                using var hookCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
                hookCts.CancelAfter(grace);
                await c.Instance!.RunHandlerAsync(preStop, hookCts.Token);
            }
            var remaining = deadline - DateTimeOffset.UtcNow;
            // Like the kubelet, a preStop hook that used up the period still leaves a short grace for SIGTERM.
            await c.Instance!.StopAsync(remaining > TimeSpan.FromSeconds(2) ? remaining : TimeSpan.FromSeconds(2), ct);
        }));
        foreach (var c in _containers.Where(c => c.Instance is not null))
        {
            await OnExitedAsync(c, c.Instance!.Exited.IsCompleted ? c.Instance.Exited.Result : 137, "Never");
        }
        var current = Current();
        if (current is null)
        {
            return;
        }
        WriteStatus(current);
        _kubelet.Service.DeleteInternal(PodType, Namespace, Name, uid: _uid, grace: 0);
    }

    private async Task StopAllAsync(TimeSpan grace)
    {
        await Task.WhenAll(_containers.Where(c => c.Instance is { Exited.IsCompleted: false }).Select(c => c.Instance!.StopAsync(grace, CancellationToken.None)));
    }
}
