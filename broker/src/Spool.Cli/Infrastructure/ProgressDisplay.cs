using Spectre.Console;

namespace Spool.Cli.Infrastructure;

/// <summary>Runs a long operation under a Spectre progress bar on a terminal, or silently otherwise.</summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>; <paramref name="total"/> is the amount of work (records, bytes, partitions), null when unknown (a spinner then).</summary>
    public static async Task<T> RunAsync<T>(CliContext context, string description, double? total, Func<IProgressTracker, Task<T>> work)
    {
        if (!context.ShowProgress)
        {
            return await work(NullProgressTracker.Instance);
        }

        return await context.Terminal.Progress()
            .AutoClear(true)
            .Columns(new SpinnerColumn(), new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async progress =>
            {
                var task = progress.AddTask(Markup.Escape(description), maxValue: total is > 0 ? total.Value : 1);
                task.IsIndeterminate = total is null;
                var result = await work(new SpectreProgressTracker(task));
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });
    }
}
