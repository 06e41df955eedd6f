namespace Spool.Kubernetes.Client;

/// <summary>The "type" of a watch event.</summary>
public enum WatchEventType
{
    Added = 0,
    Modified = 1,
    Deleted = 2,

    /// <summary>Only metadata.resourceVersion is meaningful: the watch has seen everything up to it.</summary>
    Bookmark = 3,

    /// <summary>The object is a Status; code 410 means the start version was compacted and the caller must re-list.</summary>
    Error = 4,
}
