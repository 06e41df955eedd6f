namespace Spool.Operator.Reconcilers;

/// <summary>The next step of a roll: a pod to delete (so the StatefulSet recreates it at the new revision), or why to wait.</summary>
public sealed record RollDecision(string? PodToDelete, int Outdated, string? WaitReason)
{
    /// <summary>Every pod runs the latest revision, as far as the StatefulSet controller has told.</summary>
    public bool Complete => Outdated == 0 && WaitReason is null;
}
