using Spool.Kubernetes.Models;

namespace Spool.Kubernetes.Client;

/// <summary>One event of a watch stream: an object for ADDED/MODIFIED/DELETED/BOOKMARK, a Status for ERROR.</summary>
public sealed record WatchEvent<T>(WatchEventType Type, T? Object, ApiStatus? Status)
    where T : class
{
    /// <summary>An ERROR event saying the watch's resourceVersion is too old (410 Gone / Expired): re-list.</summary>
    public bool IsGone => Type == WatchEventType.Error && (Status?.Code == 410 || Status?.Reason is "Expired" or "Gone");

    public KubernetesApiException ToException() =>
        new(Status ?? new ApiStatus { Code = 500, Reason = "InternalError", Message = $"watch event {Type} has no status" });
}
