using Spool.Broker.Metadata;
using Spool.Protocol.Configs;
using Spool.Protocol;
using Spool.Storage;

namespace Spool.Broker.Handlers;

/// <summary>Turns AlterConfigs and IncrementalAlterConfigs operations into resolved topic config changes.</summary>
public static class TopicConfigChanges
{
    /// <summary>AlterConfigs replaces the whole override set: what is not given is removed.</summary>
    public static List<ConfigChange> Replace(IReadOnlyDictionary<string, string> current, IEnumerable<(string Name, string? Value)> wanted)
    {
        var target = wanted.ToDictionary(w => w.Name, w => w.Value, StringComparer.Ordinal);
        var changes = target.Select(kv => new ConfigChange(kv.Key, kv.Value)).ToList();
        changes.AddRange(current.Keys.Where(k => !target.ContainsKey(k)).Select(k => new ConfigChange(k, null)));
        return changes;
    }

    /// <summary>
    /// IncrementalAlterConfigs: SET (0), DELETE (1), APPEND (2) and SUBTRACT (3); the last two only on list
    /// configs, starting from the effective value. Returns an error message instead of changes when invalid.
    /// </summary>
    public static (List<ConfigChange> Changes, ErrorCode Error, string? Message) Incremental(
        LogConfig effective, IEnumerable<(string Name, sbyte Operation, string? Value)> operations)
    {
        var changes = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, op, value) in operations)
        {
            if (changes.ContainsKey(name))
            {
                return ([], ErrorCode.InvalidRequest, $"Error due to duplicate config keys: {name}");
            }

            if (!TopicConfigCatalog.TryGet(name, out var definition))
            {
                return ([], ErrorCode.InvalidConfig, $"Unknown topic config name: {name}");
            }

            switch (op)
            {
                case 0:
                    changes[name] = value;
                    break;
                case 1:
                    changes[name] = null;
                    break;
                case 2:
                case 3:
                    if (definition.Type != ConfigType.List)
                    {
                        return ([], ErrorCode.InvalidConfig, $"Config value append is not allowed for config key: {name}");
                    }

                    var items = effective.GetValue(name).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                    var given = (value ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (op == 2)
                    {
                        items.AddRange(given.Where(g => !items.Contains(g)));
                    }
                    else
                    {
                        items.RemoveAll(given.Contains);
                    }

                    changes[name] = string.Join(",", items);
                    break;
                default:
                    return ([], ErrorCode.InvalidRequest, $"Unknown config operation {op}");
            }
        }

        return (changes.Select(kv => new ConfigChange(kv.Key, kv.Value)).ToList(), ErrorCode.None, null);
    }
}
