using System.Text.Json.Nodes;

namespace Spool.KubeEmulator.Kubelet;

internal sealed class InstantContainer : IContainerInstance
{
    private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<int> Exited => _exited.Task;

    public string? LogPath => null;

    public Task<bool> ProbeAsync(JsonObject probe, CancellationToken ct) => Task.FromResult(true);

    public Task RunHandlerAsync(JsonObject handler, CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(TimeSpan gracePeriod, CancellationToken ct)
    {
        _exited.TrySetResult(0);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _exited.TrySetResult(0);
        return ValueTask.CompletedTask;
    }
}
