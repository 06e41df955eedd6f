using System.Threading.Channels;
using Spool.KubeEmulator.Server;
using Spool.KubeEmulator.Storage;

namespace Spool.KubeEmulator.Controllers;

/// <summary>
/// A level-triggered controller: any change to a table it cares about (or a periodic resync) wakes it,
/// and it reconciles everything in one pass. At emulator scale a full pass is cheap and never misses.
/// </summary>
public abstract class Controller : IDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private IDisposable? _subscription;

    protected Controller(ResourceService service)
    {
        Service = service;
    }

    protected ResourceService Service { get; }

    protected virtual TimeSpan Resync => TimeSpan.FromMilliseconds(500);

    /// <summary>Tables whose changes wake this controller; null means all.</summary>
    protected virtual IReadOnlySet<string>? WatchedTables => null;

    public abstract string Name { get; }

    public void Wake() => _wake.Writer.TryWrite(true);

    public async Task RunAsync(CancellationToken ct)
    {
        _subscription = Service.Store.Subscribe(OnEvent);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                Reconcile(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                OnError(e);
            }
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timer.CancelAfter(Resync);
            try
            {
                await _wake.Reader.ReadAsync(timer.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                // Resync tick.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    protected abstract void Reconcile(CancellationToken ct);

    protected virtual void OnError(Exception e) => Console.Error.WriteLine($"[kube-emulator] {Name}: {e}");

    private void OnEvent(StoreEvent e)
    {
        if (WatchedTables is null || WatchedTables.Contains(e.Table))
        {
            Wake();
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
