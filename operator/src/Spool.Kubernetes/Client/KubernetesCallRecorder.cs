namespace Spool.Kubernetes.Client;

/// <summary>Records the calls a client makes, for comparing them with the operator's RBAC rules.</summary>
public sealed class KubernetesCallRecorder : IKubernetesCallObserver
{
    private readonly Lock _lock = new();
    private readonly List<KubernetesCall> _calls = [];

    public IReadOnlyList<KubernetesCall> Calls
    {
        get
        {
            lock (_lock)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Distinct (verb, group, resource[/subresource]) triples, or (verb, path) for non-resource calls.</summary>
    public IReadOnlySet<(string Verb, string Group, string Resource)> Permissions()
    {
        var result = new HashSet<(string, string, string)>();
        foreach (var call in Calls)
        {
            foreach (var verb in call.RequiredVerbs)
            {
                result.Add((verb, call.Group, call.RbacResource ?? call.NonResourcePath ?? ""));
            }
        }

        return result;
    }

    public void OnCall(KubernetesCall call)
    {
        lock (_lock)
        {
            _calls.Add(call);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _calls.Clear();
        }
    }
}
