using System.Globalization;
using System.Runtime.InteropServices;
using Spool.KubeEmulator;
using Spool.KubeEmulator.Kubelet;

// dotnet Spool.KubeEmulator.dll --port 0 --kubeconfig-out <path> [--tls] [--rbac] [--runtime instant|process] [--token <admin token>]
var options = new KubeEmulatorOptions();
string? kubeconfig = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    switch (args[i])
    {
        case "--port":
            options.Port = int.Parse(Next(), CultureInfo.InvariantCulture);
            break;
        case "--kubeconfig-out":
            kubeconfig = Next();
            break;
        case "--tls":
            options.UseTls = true;
            break;
        case "--allow-anonymous":
            options.AllowAnonymous = true;
            break;
        case "--rbac":
            options.EnableRbac = true;
            break;
        case "--token":
            options.AdminToken = Next();
            break;
        case "--data-dir":
            options.DataDirectory = Next();
            break;
        case "--runtime":
            options.PodRuntime = Next() switch
            {
                "process" => new ProcessPodRuntime(new ProcessRuntimeOptions()),
                "instant" => new InstantPodRuntime(),
                var other => throw new ArgumentException($"unknown runtime {other}"),
            };
            break;
        default:
            Console.Error.WriteLine("usage: Spool.KubeEmulator [--port N] [--kubeconfig-out PATH] [--tls] [--rbac] [--allow-anonymous] [--runtime instant|process] [--token T] [--data-dir DIR]");
            return 2;
    }
}

await using var emulator = await KubeApiEmulator.StartAsync(options);
if (kubeconfig is not null)
{
    emulator.WriteKubeconfig(kubeconfig);
}
Console.WriteLine($"listening on {emulator.Url}");
Console.WriteLine($"admin token {emulator.AdminToken}");
if (kubeconfig is not null)
{
    Console.WriteLine($"kubeconfig {Path.GetFullPath(kubeconfig)}");
}

using var done = new CancellationTokenSource();
// SIGINT/SIGTERM stop the emulator cleanly (pods' processes are terminated too).
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
{
    c.Cancel = true;
    done.Cancel();
});
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
{
    c.Cancel = true;
    done.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, done.Token);
}
catch (OperationCanceledException)
{
    // Stopped by SIGINT/SIGTERM.
}
return 0;
