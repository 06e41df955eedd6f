using System.Globalization;
using Spool.Protocol.Configs;

namespace Spool.Broker.Configuration;

/// <summary>
/// The broker's configuration: Kafka property names, layered as ARCHITECTURE.md specifies — an optional
/// properties file (first argument), then <c>--override key=value</c> arguments, then environment
/// variables <c>SPOOL_KEY_NAME</c> (dots as underscores). Each layer overrides the ones before it.
/// </summary>
public sealed partial class BrokerConfig
{
    private readonly Dictionary<string, ConfigValue> _values;

    public BrokerConfig(IReadOnlyDictionary<string, ConfigValue> values)
    {
        _values = new Dictionary<string, ConfigValue>(values, StringComparer.Ordinal);
        Validate();
    }

    /// <summary>Keys that were set but are not broker configs Spool knows (logged as warnings).</summary>
    public IReadOnlyList<string> UnknownKeys =>
        _values.Keys.Where(k => !BrokerConfigKeys.TryGet(k, out _)).Order(StringComparer.Ordinal).ToList();

    public IReadOnlyDictionary<string, ConfigValue> ExplicitValues => _values;

    public static BrokerConfig FromDictionary(IReadOnlyDictionary<string, string> values, ConfigOrigin source = ConfigOrigin.CommandLine) =>
        new(values.ToDictionary(kv => kv.Key, kv => new ConfigValue(kv.Value, source), StringComparer.Ordinal));

    /// <summary>The effective value (explicit or default) or null.</summary>
    public string? Get(string key) =>
        _values.TryGetValue(key, out var v) ? v.Value : BrokerConfigKeys.TryGet(key, out var def) ? def.Default : null;

    public ConfigOrigin SourceOf(string key) => _values.TryGetValue(key, out var v) ? v.Source : ConfigOrigin.Default;

    public bool IsSet(string key) => _values.ContainsKey(key);

    public int GetInt(string key) => int.Parse(Require(key), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public long GetLong(string key) => long.Parse(Require(key), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public bool GetBool(string key) => bool.Parse(Require(key));

    public IReadOnlyList<string> GetList(string key) =>
        (Get(key) ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private string Require(string key) => Get(key) ?? throw new InvalidOperationException($"config {key} has no value");

    private void Validate()
    {
        foreach (var (key, value) in _values)
        {
            if (!BrokerConfigKeys.TryGet(key, out var def))
            {
                continue;
            }

            var ok = def.Type switch
            {
                ConfigType.Int => int.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ConfigType.Short => short.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ConfigType.Long => long.TryParse(value.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
                ConfigType.Boolean => bool.TryParse(value.Value, out _),
                ConfigType.Double => double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _),
                _ => true,
            };
            if (!ok)
            {
                throw new BrokerConfigException($"Invalid value {value.Value} for configuration {key}: expected {def.Type.ToString().ToLowerInvariant()}");
            }
        }

        try
        {
            _ = Listeners;
            _ = AdvertisedListeners;
        }
        catch (FormatException e)
        {
            throw new BrokerConfigException(e.Message);
        }

        ValidateQuorum();
    }

    /// <summary>
    /// The metadata quorum may only be this node. The Raft metadata log and partition replication between brokers
    /// are not built yet: a node that started alone while the configuration names other voters would be a cluster
    /// of its own, and clients balanced across such nodes would see topics and offsets diverge. Refusing to start
    /// says so at once instead.
    /// </summary>
    private void ValidateQuorum()
    {
        var nodeId = NodeId;
        var others = new List<string>();
        foreach (var voter in GetList(BrokerConfigKeys.ControllerQuorumVoters))
        {
            var at = voter.IndexOf('@', StringComparison.Ordinal);
            var colon = voter.LastIndexOf(':');
            if (at <= 0 || colon < at + 2 || colon == voter.Length - 1
                || !int.TryParse(voter.AsSpan(0, at), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                || !int.TryParse(voter.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                throw new BrokerConfigException($"Invalid value {voter} in configuration {BrokerConfigKeys.ControllerQuorumVoters}: expected id@host:port");
            }

            if (id != nodeId)
            {
                others.Add(voter);
            }
        }

        if (others.Count > 0)
        {
            throw new BrokerConfigException(
                $"{BrokerConfigKeys.ControllerQuorumVoters} names other nodes ({string.Join(", ", others)}): multi-node clusters (the replicated " +
                $"metadata quorum and partition replication) are not available in this version of Spool; run one node, whose voters are only itself ({nodeId}@host:port) or empty");
        }
    }
}
