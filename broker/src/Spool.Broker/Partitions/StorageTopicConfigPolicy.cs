using Spool.Broker.Metadata;
using Spool.Storage;

namespace Spool.Broker.Partitions;

/// <summary>Topic config validation from the storage layer's catalog (names, types, ranges, valid values).</summary>
public sealed class StorageTopicConfigPolicy : ITopicConfigPolicy
{
    public bool IsKnown(string name) => TopicConfigCatalog.IsKnown(name);

    public string? Validate(string name, string? value) => TopicConfigCatalog.Validate(name, value);
}
