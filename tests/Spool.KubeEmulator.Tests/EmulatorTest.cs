namespace Spool.KubeEmulator.Tests;

/// <summary>Each test class instance gets its own emulator on 127.0.0.1 with a port picked at run time.</summary>
public abstract class EmulatorTest : IAsyncLifetime
{
    private KubeApiEmulator? _api;

    protected KubeApiEmulator Api => _api ?? throw new InvalidOperationException("not started");

    protected Kube K { get; private set; } = null!;

    protected virtual KubeEmulatorOptions Options() => new();

    public async Task InitializeAsync()
    {
        _api = await KubeApiEmulator.StartAsync(Options());
        K = new Kube(_api.CreateClient());
    }

    public async Task DisposeAsync()
    {
        K.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }
    }
}
