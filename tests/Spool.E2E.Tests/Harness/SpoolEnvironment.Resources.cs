using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;

namespace Spool.E2E.Tests.Harness;

/// <summary>Creating, changing and waiting on Spool resources in the test namespace.</summary>
public sealed partial class SpoolEnvironment
{
    public ResourceClient<SpoolCluster> Clusters => Client.Resource<SpoolCluster>();

    public ResourceClient<SpoolTopic> Topics => Client.Resource<SpoolTopic>();

    public ResourceClient<SpoolConsumerGroup> Groups => Client.Resource<SpoolConsumerGroup>();

    public Task<SpoolCluster> CreateClusterAsync(string name, Action<ClusterSpec>? configure = null)
    {
        var spec = new ClusterSpec { Image = BrokerPods.Image };
        configure?.Invoke(spec);
        return Clusters.CreateAsync(new SpoolCluster { Metadata = new ObjectMeta { Name = name, Namespace = Namespace }, Spec = spec });
    }

    public Task<SpoolTopic> CreateTopicAsync(string name, string cluster, int partitions, Action<SpoolTopic>? configure = null)
    {
        var topic = new SpoolTopic
        {
            Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
            Spec = new TopicSpec { ClusterRef = new ClusterReference { Name = cluster }, Partitions = partitions },
        };
        configure?.Invoke(topic);
        return Topics.CreateAsync(topic);
    }

    public Task<T> UpdateAsync<T>(ResourceClient<T> client, string name, Action<T> change)
        where T : class, IKubernetesObject =>
        client.UpdateAsync(Namespace, name, value =>
        {
            change(value);
            return true;
        });

    /// <summary>Waits until the resource's status describes its current generation and satisfies <paramref name="condition"/>.</summary>
    public async Task<T> WaitForAsync<T>(ResourceClient<T> client, string name, Func<T, bool> condition, string what, TimeSpan? timeout = null)
        where T : class, IKubernetesObject
    {
        T? last = null;
        try
        {
            await Wait.UntilAsync(
                async () =>
                {
                    last = await client.TryGetAsync(Namespace, name);
                    return last is not null && condition(last);
                },
                $"{typeof(T).Name} {name}: {what}",
                timeout);
        }
        catch (TimeoutException ex)
        {
            if (last is not null)
            {
                last.Metadata.ExtensionData?.Remove("managedFields");
            }

            throw new TimeoutException($"{ex.Message}\nlast seen: {(last is null ? "(none)" : Client.Serializer.Serialize(last))}\n{await DiagnosticsAsync()}", ex);
        }

        return last!;
    }

    public static bool IsReady(IReadOnlyList<Condition>? conditions) => Conditions.IsTrue(conditions, Conditions.Ready);

    public static string? ReadyReason(IReadOnlyList<Condition>? conditions) => Conditions.Find(conditions, Conditions.Ready)?.Reason;
}
