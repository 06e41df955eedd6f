namespace Spool.Cli.Output;

public sealed record GroupMemberJson(
    string MemberId,
    string? GroupInstanceId,
    string ClientId,
    string Host,
    IReadOnlyList<TopicPartitionJson> Assignment);
