namespace Spool.Client.Admin;

/// <summary>An incremental config change (wire values of IncrementalAlterConfigs).</summary>
public enum AlterConfigOpType : sbyte
{
    /// <summary>Set the value.</summary>
    Set = 0,

    /// <summary>Remove the override, back to the default.</summary>
    Delete = 1,

    /// <summary>Add to a list config.</summary>
    Append = 2,

    /// <summary>Remove from a list config.</summary>
    Subtract = 3,
}
