using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Spool.Helm.Tests.Images;

/// <summary>
/// Runs a Dockerfile's build stage without a container engine: its COPY instructions copy from the repository (as
/// the build context, filtered by .dockerignore) into a scratch directory that stands for the container's "/", and
/// its RUN instructions run there with /bin/sh, as the builder would run them for linux/amd64. What the stage does
/// not COPY is not there, so a missing input fails the build here as it would in `docker build`.
/// </summary>
public static partial class BuildStageRunner
{
    public static async Task<string> RunAsync(Dockerfile dockerfile, string context, string root, StringBuilder log)
    {
        var ignore = DockerIgnore.Load(Path.Combine(context, ".dockerignore"));
        var workdir = "/";
        foreach (var instruction in dockerfile.Build.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "WORKDIR":
                    workdir = instruction.Arguments.StartsWith('/') ? instruction.Arguments : $"{workdir.TrimEnd('/')}/{instruction.Arguments}";
                    Directory.CreateDirectory(Host(root, workdir));
                    break;
                case "COPY":
                    Copy(instruction.Arguments, context, ignore, Host(root, workdir));
                    break;
                case "RUN":
                    await RunAsync(instruction.Arguments, root, Host(root, workdir), log);
                    break;
                case "ARG" or "ENV" or "LABEL":
                    break;
                default:
                    throw new NotSupportedException($"{dockerfile.Path}: {instruction.Keyword} in the build stage is not simulated");
            }
        }

        return root;
    }

    /// <summary>A path inside the container, under the scratch root.</summary>
    public static string Host(string root, string containerPath) => Path.Combine(root, containerPath.TrimStart('/'));

    private static void Copy(string arguments, string context, DockerIgnore ignore, string workdir)
    {
        var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (arguments.Contains("--from", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"COPY {arguments}: copies between stages are not simulated in the build stage");
        }

        var destination = parts[^1];
        var target = destination.StartsWith('/') ? destination : Path.Combine(workdir, destination);
        var intoDirectory = destination.EndsWith('/') || destination == "." || parts.Count > 2;
        foreach (var source in parts[..^1])
        {
            var from = Path.Combine(context, source.TrimEnd('/'));
            if (Directory.Exists(from))
            {
                // COPY dir/ dest/ copies the directory's contents.
                foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(context, file).Replace('\\', '/');
                    if (!ignore.Excludes(relative))
                    {
                        var to = Path.Combine(target, Path.GetRelativePath(from, file));
                        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                        File.Copy(file, to, overwrite: true);
                    }
                }
            }
            else if (File.Exists(from))
            {
                if (ignore.Excludes(source))
                {
                    throw new InvalidOperationException($"COPY {source}: .dockerignore excludes it from the build context");
                }

                var to = intoDirectory ? Path.Combine(target, Path.GetFileName(from)) : target;
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to, overwrite: true);
            }
            else
            {
                throw new FileNotFoundException($"COPY {source}: not in the build context", from);
            }
        }
    }

    private static async Task RunAsync(string command, string root, string workdir, StringBuilder log)
    {
        // Absolute container paths the commands use (-o /out) move under the scratch root.
        var hostCommand = AbsolutePath().Replace(command, m => Host(root, m.Value));
        var start = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workdir,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(hostCommand);
        start.Environment["TARGETARCH"] = "amd64";

        // Build output stays inside the scratch context (no shared artifacts root), in a build of its own.
        start.Environment.Remove("SPOOL_ARTIFACTS");
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(15));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"RUN {command} did not finish in 15 minutes");
        }

        log.AppendLine($"RUN {command}").AppendLine(await output).AppendLine(await error);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"RUN {command} failed with exit code {process.ExitCode}:\n{log}");
        }
    }

    [GeneratedRegex(@"(?<=\s)/(out|src|app)\b")]
    private static partial Regex AbsolutePath();
}
