namespace Spool.Cli.Infrastructure;

/// <summary>Progress for pipes and scripts: nothing is drawn.</summary>
internal sealed class NullProgressTracker : IProgressTracker
{
    public static NullProgressTracker Instance { get; } = new();

    public void Advance(double amount)
    {
    }

    public void Describe(string description)
    {
    }
}
