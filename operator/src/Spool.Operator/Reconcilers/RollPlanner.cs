namespace Spool.Operator.Reconcilers;

/// <summary>
/// The update strategy (StatefulSet OnDelete, operator-driven): one broker at a time, highest ordinal first, and
/// only while every other broker is ready and no partition is under-replicated, so a roll never takes away a
/// replica a partition still needs. A broker that is already down is replaced first: deleting it cannot make
/// things worse, and it may be down precisely because of the configuration the roll fixes.
/// </summary>
public static class RollPlanner
{
    /// <param name="replicas">spec.replicas of the StatefulSet.</param>
    /// <param name="updateRevision">status.updateRevision of the StatefulSet: the revision pods should run.</param>
    /// <param name="statusCurrent">The StatefulSet's status describes its latest spec (observedGeneration == generation).</param>
    /// <param name="pods">The StatefulSet's pods.</param>
    /// <param name="healthy">The cluster answered and has no under-replicated partitions.</param>
    public static RollDecision Plan(int replicas, string? updateRevision, bool statusCurrent, IReadOnlyList<BrokerPod> pods, bool healthy)
    {
        if (!statusCurrent || string.IsNullOrEmpty(updateRevision))
        {
            return new RollDecision(null, 0, "the StatefulSet controller has not observed the latest spec yet");
        }

        var live = pods.Where(p => !p.Terminating && p.Ordinal >= 0 && p.Ordinal < replicas).ToList();
        var outdated = live.Where(p => p.Revision != updateRevision).OrderByDescending(p => p.Ordinal).ToList();
        if (outdated.Count == 0)
        {
            return new RollDecision(null, 0, null);
        }

        if (pods.Any(p => p.Terminating))
        {
            return new RollDecision(null, outdated.Count, $"waiting for {pods.First(p => p.Terminating).Name} to terminate");
        }

        if (outdated.FirstOrDefault(p => !p.Ready) is { } down)
        {
            return new RollDecision(down.Name, outdated.Count, null);
        }

        if (live.Count < replicas || live.Any(p => !p.Ready))
        {
            var waitingFor = live.Count < replicas ? $"{replicas - live.Count} missing broker pod(s)" : string.Join(", ", live.Where(p => !p.Ready).Select(p => p.Name));
            return new RollDecision(null, outdated.Count, $"waiting for {waitingFor} to be ready");
        }

        if (!healthy)
        {
            return new RollDecision(null, outdated.Count, "waiting for the cluster to be healthy (reachable, no under-replicated partitions)");
        }

        return new RollDecision(outdated[0].Name, outdated.Count, null);
    }
}
