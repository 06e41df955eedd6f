namespace Spool.KubeEmulator.Server;

public sealed class DeleteOptions
{
    /// <summary>Background, Foreground or Orphan; null means the resource's default (Background).</summary>
    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    public bool? OrphanDependents { get; init; }
}
