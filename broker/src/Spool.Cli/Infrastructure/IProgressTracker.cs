namespace Spool.Cli.Infrastructure;

/// <summary>Where a long operation reports how far it got; a no-op unless a person watches a terminal.</summary>
internal interface IProgressTracker
{
    void Advance(double amount);

    void Describe(string description);
}
