namespace Spool.Helm.Tests.Support;

/// <summary>What one helm command printed and how it exited.</summary>
public sealed record HelmResult(string Command, int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>For assertion messages: the command and everything it printed.</summary>
    public override string ToString() => $"$ {Command}\nexit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
}
