using Microsoft.Win32.SafeHandles;

namespace Spool.Storage;

/// <summary>
/// A file handle kept open for the duration of a read: it holds a reference on the handle, so a concurrent
/// eviction or roll that disposes the handle closes it only after the lease is released.
/// </summary>
internal readonly struct HandleLease : IDisposable
{
    public HandleLease(SafeFileHandle handle) => Handle = handle;

    public SafeFileHandle Handle { get; }

    /// <summary>Adds a reference to <paramref name="handle"/>; false when it was already disposed.</summary>
    public static bool TryAcquire(SafeFileHandle handle, out HandleLease lease)
    {
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
        }

        lease = added ? new HandleLease(handle) : default;
        return added;
    }

    public void Dispose() => Handle?.DangerousRelease();
}
