using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>SIGTERM for container processes (Process.Kill only sends SIGKILL).</summary>
internal static partial class PosixSignals
{
    private const int SigTerm = 15;

    public static void Terminate(Process process)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            _ = Kill(process.Id, SigTerm);
        }
        else
        {
            process.Kill(entireProcessTree: true);
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
