namespace Spool.Kubernetes.Runtime;

/// <summary>The two Event types the API accepts.</summary>
public static class EventTypes
{
    public const string Normal = "Normal";

    public const string Warning = "Warning";
}
