using Microsoft.Extensions.Logging;
using Spool.Client.Admin;
using Spool.Kubernetes.Runtime;

namespace Spool.Operator.Kafka;

/// <summary>One <see cref="KafkaAdminClient"/> per Cluster resource: connections and metadata survive between reconciles.</summary>
public sealed class KafkaAdminPool(KafkaConnectionSettings settings, ILoggerFactory? loggerFactory = null) : IClusterAdminProvider, IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<ObjectKey, (string Bootstrap, KafkaClusterAdmin Admin)> _admins = [];

    public IClusterAdmin Get(ObjectKey cluster, string bootstrapServers)
    {
        KafkaClusterAdmin? stale = null;
        KafkaClusterAdmin admin;
        lock (_lock)
        {
            if (_admins.TryGetValue(cluster, out var existing) && existing.Bootstrap == bootstrapServers)
            {
                return existing.Admin;
            }

            stale = _admins.TryGetValue(cluster, out var old) ? old.Admin : null;
            admin = new KafkaClusterAdmin(
                new KafkaAdminClient(new AdminClientOptions
                {
                    BootstrapServers = bootstrapServers,
                    ClientId = settings.ClientId,
                    AddressMapper = settings.AddressMapper,
                    RequestTimeout = settings.RequestTimeout,
                    SocketConnectionSetupTimeout = TimeSpan.FromSeconds(5),
                    DefaultApiTimeout = settings.OperationTimeout,
                    LoggerFactory = loggerFactory,
                }),
                settings.OperationTimeout);
            _admins[cluster] = (bootstrapServers, admin);
        }

        if (stale is not null)
        {
            _ = stale.DisposeAsync().AsTask();
        }

        return admin;
    }

    public async Task ForgetAsync(ObjectKey cluster)
    {
        KafkaClusterAdmin? admin = null;
        lock (_lock)
        {
            if (_admins.Remove(cluster, out var existing))
            {
                admin = existing.Admin;
            }
        }

        if (admin is not null)
        {
            await admin.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<KafkaClusterAdmin> admins;
        lock (_lock)
        {
            admins = [.. _admins.Values.Select(a => a.Admin)];
            _admins.Clear();
        }

        foreach (var admin in admins)
        {
            await admin.DisposeAsync();
        }
    }
}
