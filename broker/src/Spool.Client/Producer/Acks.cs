namespace Spool.Client.Producer;

/// <summary><c>acks</c>: how many replicas must have a record before the broker acknowledges it (wire values).</summary>
public enum Acks : short
{
    /// <summary>acks=0: no response; the producer does not learn offsets or errors.</summary>
    None = 0,

    /// <summary>acks=1: the leader has written the record.</summary>
    Leader = 1,

    /// <summary>acks=all (-1): every in-sync replica has it (subject to <c>min.insync.replicas</c>).</summary>
    All = -1,
}
