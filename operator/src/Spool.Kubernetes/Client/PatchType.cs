namespace Spool.Kubernetes.Client;

/// <summary>The PATCH flavours; the value picks the Content-Type.</summary>
public enum PatchType
{
    /// <summary>RFC 7386 JSON merge patch (application/merge-patch+json): maps merge, lists are replaced, null deletes.</summary>
    Merge = 0,

    /// <summary>RFC 6902 JSON patch (application/json-patch+json): a list of operations, including "test".</summary>
    Json = 1,

    /// <summary>Strategic merge patch (built-in types only): lists merge by key.</summary>
    StrategicMerge = 2,

    /// <summary>Server-side apply (application/apply-patch+yaml; JSON is YAML): needs fieldManager.</summary>
    Apply = 3,
}
