namespace Spool.Cli.Tests.Infrastructure;

/// <summary>Exit-code checks that show the whole invocation when they fail.</summary>
public static class CliAssertions
{
    public static CliResult Succeeded(this CliResult result) => result.ExitedWith(ExitCodes.Ok);

    public static CliResult ExitedWith(this CliResult result, int exitCode)
    {
        result.ExitCode.Should().Be(exitCode, result.ToString());
        return result;
    }
}
