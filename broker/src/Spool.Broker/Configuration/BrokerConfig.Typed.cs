using System.Globalization;

namespace Spool.Broker.Configuration;

/// <summary>Typed views of the keys the broker reads often.</summary>
public sealed partial class BrokerConfig
{
    public int NodeId => IsSet(BrokerConfigKeys.NodeId) || !IsSet(BrokerConfigKeys.BrokerId)
        ? GetInt(BrokerConfigKeys.NodeId)
        : GetInt(BrokerConfigKeys.BrokerId);

    public IReadOnlyList<string> ProcessRoles => GetList(BrokerConfigKeys.ProcessRoles);

    public IReadOnlyList<ListenerEndpoint> Listeners => ListenerEndpoint.ParseList(Get(BrokerConfigKeys.Listeners));

    /// <summary>Kafka listeners that serve clients (every listener not named in controller.listener.names).</summary>
    public IReadOnlyList<ListenerEndpoint> ClientListeners
    {
        get
        {
            var controller = new HashSet<string>(GetList(BrokerConfigKeys.ControllerListenerNames), StringComparer.OrdinalIgnoreCase);
            return Listeners.Where(l => !controller.Contains(l.Name)).ToList();
        }
    }

    /// <summary>advertised.listeners, defaulting to the client listeners (an empty host advertises localhost).</summary>
    public IReadOnlyList<ListenerEndpoint> AdvertisedListeners
    {
        get
        {
            var advertised = ListenerEndpoint.ParseList(Get(BrokerConfigKeys.AdvertisedListeners));
            return advertised.Count > 0 ? advertised : ClientListeners;
        }
    }

    public IReadOnlyList<string> LogDirs
    {
        get
        {
            var dirs = GetList(BrokerConfigKeys.LogDirs);
            return dirs.Count > 0 ? dirs : [Get(BrokerConfigKeys.LogDir)!];
        }
    }

    public string MetadataLogDir => Get(BrokerConfigKeys.MetadataLogDir) ?? LogDirs[0];

    public string? Rack => Get(BrokerConfigKeys.BrokerRack);

    public int NumPartitions => GetInt(BrokerConfigKeys.NumPartitions);

    public short DefaultReplicationFactor => short.Parse(Get(BrokerConfigKeys.DefaultReplicationFactor)!, CultureInfo.InvariantCulture);

    public bool AutoCreateTopicsEnable => GetBool(BrokerConfigKeys.AutoCreateTopicsEnable);

    public bool DeleteTopicEnable => GetBool(BrokerConfigKeys.DeleteTopicEnable);

    public int SocketRequestMaxBytes => GetInt(BrokerConfigKeys.SocketRequestMaxBytes);

    public int FetchMaxBytes => GetInt(BrokerConfigKeys.FetchMaxBytes);

    public IReadOnlyList<string> HttpListeners => GetList(BrokerConfigKeys.HttpListeners);

    /// <summary>log.retention.ms, else minutes, else hours, as Kafka resolves it.</summary>
    public long LogRetentionMs =>
        IsSet(BrokerConfigKeys.LogRetentionMs) ? GetLong(BrokerConfigKeys.LogRetentionMs)
        : IsSet(BrokerConfigKeys.LogRetentionMinutes) ? GetLong(BrokerConfigKeys.LogRetentionMinutes) * 60_000L
        : GetLong(BrokerConfigKeys.LogRetentionHours) * 3_600_000L;

    /// <summary>log.roll.ms, else hours.</summary>
    public long LogRollMs =>
        IsSet(BrokerConfigKeys.LogRollMs) ? GetLong(BrokerConfigKeys.LogRollMs) : GetLong(BrokerConfigKeys.LogRollHours) * 3_600_000L;
}
