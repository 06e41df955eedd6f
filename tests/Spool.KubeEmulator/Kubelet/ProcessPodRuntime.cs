using System.Diagnostics;
using System.Text.RegularExpressions;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>Runs each container as a real OS process on 127.0.0.1.</summary>
public sealed partial class ProcessPodRuntime(ProcessRuntimeOptions options) : IPodRuntime
{
    public ProcessRuntimeOptions Options { get; } = options;

    public async Task<IContainerInstance> StartAsync(ContainerLaunch launch, CancellationToken ct)
    {
        var psi = Options.StartInfoFactory?.Invoke(launch) ?? DefaultStartInfo(launch);
        Options.Configure?.Invoke(launch, psi);
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = false;
        var logPath = Path.Combine(launch.PodDirectory, "logs", $"{launch.ContainerName}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var container = new ProcessContainer(launch, psi, logPath, this);
        await container.StartAsync();
        return container;
    }

    /// <summary>The command line and environment a container would get, mapped onto this host.</summary>
    public ProcessStartInfo DefaultStartInfo(ContainerLaunch launch)
    {
        var command = Jn.Strings(launch.Container["command"]).Select(a => Rewrite(Expand(a, launch.Environment), launch)).ToList();
        if (command.Count == 0)
        {
            // A registered entrypoint is already a host command line (the image's contents live on this host).
            var image = Jn.Str(launch.Container, "image") ?? "";
            var bare = image.Split('@')[0];
            var untagged = bare.Contains(':', StringComparison.Ordinal) && bare.LastIndexOf(':') > bare.LastIndexOf('/') ? bare[..bare.LastIndexOf(':')] : bare;
            if (!Options.ImageCommands.TryGetValue(image, out var entry) && !Options.ImageCommands.TryGetValue(untagged, out entry))
            {
                throw new InvalidOperationException($"container {launch.ContainerName} has no command and image {image} has no registered entrypoint");
            }
            command = [.. entry];
        }
        var argv = command.Concat(Jn.Strings(launch.Container["args"]).Select(a => Rewrite(Expand(a, launch.Environment), launch))).ToList();
        var psi = new ProcessStartInfo(argv[0]);
        foreach (var a in argv.Skip(1))
        {
            psi.ArgumentList.Add(a);
        }
        foreach (var (k, v) in launch.Environment)
        {
            psi.Environment[k] = Rewrite(v, launch);
        }
        var workingDir = Jn.Str(launch.Container, "workingDir");
        psi.WorkingDirectory = workingDir is null ? launch.PodDirectory : launch.MapPath(workingDir);
        if (!Directory.Exists(psi.WorkingDirectory))
        {
            psi.WorkingDirectory = launch.PodDirectory;
        }
        return psi;
    }

    /// <summary>Kubernetes $(VAR) expansion: defined variables are substituted, $$ escapes, unknown ones stay.</summary>
    public static string Expand(string text, IReadOnlyDictionary<string, string> env) =>
        VarPattern().Replace(text, m => m.Value.StartsWith("$$", StringComparison.Ordinal)
            ? m.Value[1..]
            : env.TryGetValue(m.Groups[2].Value, out var v) ? v : m.Value);

    /// <summary>Container paths under a mount become host paths; declared ports become real ones.</summary>
    /// <remarks>
    /// One pass over the text, longest mount first at each position: a host path put in by one mount is never
    /// rewritten again by another (the emulator's own directories may well lie under a container path like /tmp).
    /// A mount path counts only where a path starts (the text's start, or after '=', ':', ',' or white space) and
    /// ends (its end, '/', or one of those separators).
    /// </remarks>
    public string Rewrite(string value, ContainerLaunch launch)
    {
        var mounts = launch.Mounts
            .Select(m => (Path: m.MountPath.TrimEnd('/'), m.HostPath))
            .Where(m => m.Path.Length > 0)
            .OrderByDescending(m => m.Path.Length)
            .ToList();
        var result = mounts.Count == 0
            ? value
            : Regex.Replace(
                value,
                @"(?<=^|[=:,\s])(" + string.Join('|', mounts.Select(m => Regex.Escape(m.Path))) + @")(?=$|[/=:,\s])",
                match => mounts.First(m => m.Path == match.Value).HostPath,
                RegexOptions.CultureInvariant);
        if (Options.RewritePorts)
        {
            foreach (var (declared, actual) in launch.Ports)
            {
                var d = declared.ToString(System.Globalization.CultureInfo.InvariantCulture);
                var a = actual.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (result == d)
                {
                    result = a;
                }
                else if (result.EndsWith("=" + d, StringComparison.Ordinal) || result.EndsWith(":" + d, StringComparison.Ordinal))
                {
                    result = result[..^d.Length] + a;
                }
            }
        }
        return result;
    }

    [GeneratedRegex(@"\$\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)|\$\(([A-Za-z_][A-Za-z0-9_.\-]*)\)")]
    private static partial Regex VarPattern();
}
