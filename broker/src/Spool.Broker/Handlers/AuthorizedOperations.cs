namespace Spool.Broker.Handlers;

/// <summary>
/// Bit sets of ACL operations (Kafka's AclOperation codes) reported when a client asks for authorized
/// operations. Spool has no authorizer yet, so every operation that applies to a resource is allowed.
/// </summary>
public static class AuthorizedOperations
{
    public const int NotRequested = int.MinValue;

    // READ 3, WRITE 4, CREATE 5, DELETE 6, ALTER 7, DESCRIBE 8, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11.
    public const int Topic = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8) | (1 << 10) | (1 << 11);

    // CREATE 5, ALTER 7, DESCRIBE 8, CLUSTER_ACTION 9, DESCRIBE_CONFIGS 10, ALTER_CONFIGS 11, IDEMPOTENT_WRITE 12.
    public const int Cluster = (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 11) | (1 << 12);

    // READ 3, DELETE 6, DESCRIBE 8.
    public const int Group = (1 << 3) | (1 << 6) | (1 << 8);
}
