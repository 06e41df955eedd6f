using Spool.Protocol;

namespace Spool.Client.Admin;

/// <summary>A topic as listed.</summary>
public sealed record TopicListing(string Name, Uuid TopicId, bool IsInternal);
