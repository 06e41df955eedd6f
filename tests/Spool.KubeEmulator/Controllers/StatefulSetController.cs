using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Controllers;

/// <summary>
/// The StatefulSet controller: pods &lt;name&gt;-&lt;ordinal&gt; and claims &lt;template&gt;-&lt;name&gt;-&lt;ordinal&gt;,
/// OrderedReady or Parallel management, ordered scale down, RollingUpdate (highest ordinal first,
/// waiting for each to be Running and Ready, honouring the partition) or OnDelete, ControllerRevisions,
/// the claim retention policy, and status.
/// </summary>
public sealed partial class StatefulSetController(ResourceService service) : Controller(service)
{
    public const string PodNameLabel = "statefulset.kubernetes.io/pod-name";
    public const string RevisionLabel = "controller-revision-hash";
    public const string PodIndexLabel = "apps.kubernetes.io/pod-index";
    private const string Manager = "kube-controller-manager";

    private static readonly HashSet<string> Tables = new(StringComparer.Ordinal) { "apps/statefulsets", "/pods", "/persistentvolumeclaims" };

    public override string Name => "statefulset-controller";

    protected override IReadOnlySet<string>? WatchedTables => Tables;

    private ResourceType Sts => Service.Type("apps", "statefulsets");

    private ResourceType Pods => Service.Type("", "pods");

    private ResourceType Claims => Service.Type("", "persistentvolumeclaims");

    private ResourceType Revisions => Service.Type("apps", "controllerrevisions");

    protected override void Reconcile(CancellationToken ct)
    {
        foreach (var sts in Service.ListStored(Sts))
        {
            ct.ThrowIfCancellationRequested();
            if (!Jn.IsDeleting(sts))
            {
                ReconcileOne(sts);
            }
        }
    }

    private void ReconcileOne(JsonObject sts)
    {
        var ns = Jn.Namespace(sts)!;
        var name = Jn.Name(sts);
        var uid = Jn.Uid(sts);
        var spec = Jn.ObjAt(sts, "spec") ?? [];
        var replicas = (int)(Jn.Long(spec, "replicas") ?? 1);
        var parallel = Jn.Str(spec, "podManagementPolicy") == "Parallel";
        var rolling = Jn.Str(spec, "updateStrategy", "type") != "OnDelete";
        var partition = (int)(Jn.Long(spec, "updateStrategy", "rollingUpdate", "partition") ?? 0);

        var updateRevision = EnsureRevision(sts);
        var currentRevision = Jn.Str(sts, "status", "currentRevision") ?? updateRevision;
        var pods = Service.ListStored(Pods, ns).Where(p => IsControlledBy(p, uid)).ToDictionary(p => Ordinal(p, name), p => p);
        pods.Remove(-1);

        // Failed pods are replaced.
        foreach (var (_, pod) in pods.Where(kv => !Jn.IsDeleting(kv.Value) && Jn.Str(kv.Value, "status", "phase") is "Failed" or "Succeeded").ToList())
        {
            Service.DeleteInternal(Pods, ns, Jn.Name(pod), uid: Jn.Uid(pod));
        }

        var blocked = CreateMissing(sts, pods, replicas, parallel, rolling, partition, currentRevision, updateRevision);
        if (!blocked)
        {
            blocked = ScaleDown(sts, pods, replicas, parallel);
        }
        if (!blocked && rolling)
        {
            RollingUpdate(pods, replicas, partition, updateRevision, ns);
        }
        UpdateStatus(sts, replicas, currentRevision, updateRevision);
    }

    /// <summary>Creates absent pods (and their claims); OrderedReady stops at the first pod not yet Running and Ready.</summary>
    private bool CreateMissing(JsonObject sts, Dictionary<int, JsonObject> pods, int replicas, bool parallel, bool rolling, int partition,
        string currentRevision, string updateRevision)
    {
        for (var ord = 0; ord < replicas; ord++)
        {
            if (pods.TryGetValue(ord, out var existing))
            {
                if (!parallel && !IsHealthy(existing))
                {
                    return true;
                }
                continue;
            }
            var revision = rolling && ord < partition ? currentRevision : updateRevision;
            var template = TemplateFor(sts, revision) ?? Jn.ObjAt(sts, "spec", "template") ?? [];
            if (!EnsureClaims(sts, ord))
            {
                return true;
            }
            var pod = NewPod(sts, ord, template, revision);
            if (Service.CreateInternal(Pods, Jn.Namespace(sts), pod, Manager) is { } created)
            {
                pods[ord] = created;
            }
            if (!parallel)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Deletes pods beyond the replica count, highest ordinal first (all at once when Parallel).</summary>
    private bool ScaleDown(JsonObject sts, Dictionary<int, JsonObject> pods, int replicas, bool parallel)
    {
        var condemned = pods.Where(kv => kv.Key >= replicas).OrderByDescending(kv => kv.Key).ToList();
        if (condemned.Count == 0)
        {
            return false;
        }
        if (!parallel && (condemned.Any(kv => Jn.IsDeleting(kv.Value)) || pods.Where(kv => kv.Key < replicas).Any(kv => !IsHealthy(kv.Value))))
        {
            return true;
        }
        foreach (var (ord, pod) in condemned)
        {
            if (Jn.IsDeleting(pod))
            {
                continue;
            }
            if (Jn.Str(sts, "spec", "persistentVolumeClaimRetentionPolicy", "whenScaled") == "Delete")
            {
                OwnClaimsByPod(sts, ord, pod);
            }
            Service.DeleteInternal(Pods, Jn.Namespace(pod), Jn.Name(pod), uid: Jn.Uid(pod));
            if (!parallel)
            {
                break;
            }
        }
        return true;
    }

    /// <summary>Terminates the highest-ordinal pod not at the update revision, waiting for unhealthy pods, down to the partition.</summary>
    private void RollingUpdate(Dictionary<int, JsonObject> pods, int replicas, int partition, string updateRevision, string ns)
    {
        for (var target = replicas - 1; target >= partition; target--)
        {
            if (!pods.TryGetValue(target, out var pod))
            {
                return;
            }
            if (Jn.Str(pod, "metadata", "labels", RevisionLabel) != updateRevision && !Jn.IsDeleting(pod))
            {
                Service.DeleteInternal(Pods, ns, Jn.Name(pod), uid: Jn.Uid(pod));
                return;
            }
            if (!IsHealthy(pod))
            {
                return;
            }
        }
    }

    private static bool IsControlledBy(JsonObject obj, string uid) =>
        (Jn.ArrAt(obj, "metadata", "ownerReferences") ?? []).Any(r => Jn.Str(r, "uid") == uid && Jn.Bool(r, "controller") == true);

    private static int Ordinal(JsonObject pod, string setName)
    {
        var name = Jn.Name(pod);
        return name.StartsWith(setName + "-", StringComparison.Ordinal)
            && int.TryParse(name[(setName.Length + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var ord) ? ord : -1;
    }

    public static bool IsHealthy(JsonObject pod) =>
        !Jn.IsDeleting(pod) && Jn.Str(pod, "status", "phase") == "Running"
        && (Jn.ArrAt(pod, "status", "conditions") ?? []).Any(c => Jn.Str(c, "type") == "Ready" && Jn.Str(c, "status") == "True");
}
