namespace Spool.Operator.Builders;

/// <summary>The app.kubernetes.io labels on everything the operator creates; the selector subset never changes.</summary>
public static class ClusterLabels
{
    public const string Name = "app.kubernetes.io/name";

    public const string Instance = "app.kubernetes.io/instance";

    public const string Component = "app.kubernetes.io/component";

    public const string ManagedBy = "app.kubernetes.io/managed-by";

    public const string PartOf = "app.kubernetes.io/part-of";

    /// <summary>Which of the two Services this is (brokers or bootstrap), so the ServiceMonitor picks only the headless one.</summary>
    public const string ServiceRole = "spool.dev/service";

    public const string AppName = "spool";

    public const string BrokerComponent = "broker";

    public const string Manager = "spool-operator";

    /// <summary>Selects the operator's objects in informers (so it does not cache every ConfigMap of the cluster).</summary>
    public const string ManagedSelector = ManagedBy + "=" + Manager;

    /// <summary>Immutable: the StatefulSet's selector and every Service's selector.</summary>
    public static Dictionary<string, string> Selector(string cluster) => new(StringComparer.Ordinal)
    {
        [Name] = AppName,
        [Instance] = cluster,
        [Component] = BrokerComponent,
    };

    public static Dictionary<string, string> Common(string cluster)
    {
        var labels = Selector(cluster);
        labels[ManagedBy] = Manager;
        labels[PartOf] = AppName;
        return labels;
    }

    /// <summary>Common labels over <paramref name="extra"/>: the operator's own keys always win.</summary>
    public static Dictionary<string, string> With(string cluster, IReadOnlyDictionary<string, string>? extra)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        foreach (var (key, value) in Common(cluster))
        {
            labels[key] = value;
        }

        return labels;
    }
}
