using System.Collections.Concurrent;
using Spool.KubeEmulator.Registry;

namespace Spool.KubeEmulator.Server;

/// <summary>Strategy per storage table; custom resources register theirs when their CRD is served.</summary>
public sealed class StrategyResolver
{
    private readonly ConcurrentDictionary<string, KindStrategy> _byTable = new(StringComparer.Ordinal);

    public void Set(string table, KindStrategy strategy) => _byTable[table] = strategy;

    public void Remove(string table) => _byTable.TryRemove(table, out _);

    public KindStrategy For(ResourceType t) => _byTable.TryGetValue(t.StorageTable, out var s) ? s : KindStrategy.Default;
}
