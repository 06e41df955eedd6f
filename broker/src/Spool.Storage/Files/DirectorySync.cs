using System.Runtime.InteropServices;

namespace Spool.Storage;

/// <summary>
/// fsync of a directory, so that a created or renamed file survives a power loss (.NET has no API for it).
/// Best effort: on platforms without it, or on failure, it does nothing.
/// </summary>
internal static partial class DirectorySync
{
    private const int ReadOnlyDirectory = 0x10000; // O_RDONLY | O_DIRECTORY on Linux

    public static void Fsync(string directory)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            var fd = Open(directory, ReadOnlyDirectory);
            if (fd < 0)
            {
                return;
            }

            _ = FsyncFd(fd);
            _ = Close(fd);
        }
        catch (DllNotFoundException)
        {
        }
        catch (EntryPointNotFoundException)
        {
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FsyncFd(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
