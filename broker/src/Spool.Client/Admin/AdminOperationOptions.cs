namespace Spool.Client.Admin;

/// <summary>Options every admin operation accepts.</summary>
public class AdminOperationOptions
{
    /// <summary>Overrides <c>default.api.timeout.ms</c> for this call.</summary>
    public TimeSpan? Timeout { get; set; }
}
