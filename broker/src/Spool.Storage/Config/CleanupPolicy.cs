namespace Spool.Storage;

/// <summary>The parsed <c>cleanup.policy</c> list.</summary>
[Flags]
public enum CleanupPolicy
{
    None = 0,
    Delete = 1,
    Compact = 2,
}
