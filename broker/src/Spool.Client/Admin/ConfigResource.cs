using Spool.Protocol.Configs;

namespace Spool.Client.Admin;

/// <summary>A topic (by name) or a broker (by node id; empty for the cluster-wide default).</summary>
public readonly record struct ConfigResource(ConfigResourceType Type, string Name)
{
    public static ConfigResource Topic(string name) => new(ConfigResourceType.Topic, name);

    public static ConfigResource Broker(int nodeId) => new(ConfigResourceType.Broker, nodeId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Dynamic defaults shared by every broker.</summary>
    public static ConfigResource BrokerDefault => new(ConfigResourceType.Broker, "");

    /// <summary>The broker that must answer for this resource, or null when any broker can.</summary>
    internal int? TargetBroker =>
        Type is ConfigResourceType.Broker or ConfigResourceType.BrokerLogger && int.TryParse(Name, out var id) ? id : null;

    public override string ToString() => $"{Type}:{Name}";
}
