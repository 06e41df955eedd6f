using Spectre.Console;

namespace Spool.Cli.Infrastructure;

/// <summary>A Spectre progress task (thread-safe: delivery callbacks advance it from pool threads).</summary>
internal sealed class SpectreProgressTracker : IProgressTracker
{
    private readonly ProgressTask _task;

    public SpectreProgressTracker(ProgressTask task) => _task = task;

    public void Advance(double amount) => _task.Increment(amount);

    public void Describe(string description) => _task.Description = Markup.Escape(description);
}
