using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Controllers;

public sealed partial class StatefulSetController
{
    private static JsonObject OwnerRef(JsonObject owner, string apiVersion, string kind) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["name"] = Jn.Name(owner),
        ["uid"] = Jn.Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    private static JsonObject NewPod(JsonObject sts, int ord, JsonObject template, string revision)
    {
        var name = Jn.Name(sts);
        var podName = $"{name}-{ord.ToString(CultureInfo.InvariantCulture)}";
        var labels = Jn.ObjAt(template, "metadata", "labels")?.DeepClone() as JsonObject ?? [];
        labels[PodNameLabel] = podName;
        labels[RevisionLabel] = revision;
        labels[PodIndexLabel] = ord.ToString(CultureInfo.InvariantCulture);
        var meta = new JsonObject
        {
            ["name"] = podName,
            ["namespace"] = Jn.Namespace(sts),
            ["labels"] = labels,
            ["ownerReferences"] = new JsonArray(OwnerRef(sts, "apps/v1", "StatefulSet")),
        };
        if (Jn.ObjAt(template, "metadata", "annotations") is { } annotations)
        {
            meta["annotations"] = annotations.DeepClone();
        }
        var spec = Jn.ObjAt(template, "spec")?.DeepClone() as JsonObject ?? [];
        spec["hostname"] = podName;
        if (Jn.Str(sts, "spec", "serviceName") is { Length: > 0 } serviceName)
        {
            spec["subdomain"] = serviceName;
        }
        var volumes = spec["volumes"] as JsonArray ?? [];
        foreach (var claim in (Jn.ArrAt(sts, "spec", "volumeClaimTemplates") ?? []).OfType<JsonObject>())
        {
            var claimTemplate = Jn.Name(claim);
            var existing = volumes.OfType<JsonObject>().FirstOrDefault(v => Jn.Str(v, "name") == claimTemplate);
            if (existing is not null)
            {
                volumes.Remove(existing);
            }
            volumes.Add(new JsonObject
            {
                ["name"] = claimTemplate,
                ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = ClaimName(claimTemplate, name, ord) },
            });
        }
        if (volumes.Count > 0)
        {
            spec["volumes"] = volumes;
        }
        return new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta, ["spec"] = spec };
    }

    private static string ClaimName(string template, string set, int ord) => $"{template}-{set}-{ord.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Creates the pod's claims from volumeClaimTemplates; false while one is still being deleted.</summary>
    private bool EnsureClaims(JsonObject sts, int ord)
    {
        var ns = Jn.Namespace(sts);
        var deleteWithSet = Jn.Str(sts, "spec", "persistentVolumeClaimRetentionPolicy", "whenDeleted") == "Delete";
        foreach (var template in (Jn.ArrAt(sts, "spec", "volumeClaimTemplates") ?? []).OfType<JsonObject>())
        {
            var claimName = ClaimName(Jn.Name(template), Jn.Name(sts), ord);
            if (Service.TryGetStored(Claims, ns, claimName) is { } existing)
            {
                if (Jn.IsDeleting(existing))
                {
                    return false;
                }
                continue;
            }
            var labels = Jn.ObjAt(template, "metadata", "labels")?.DeepClone() as JsonObject ?? [];
            foreach (var (k, v) in Jn.StringMap(Jn.Get(sts, "spec", "selector", "matchLabels")))
            {
                labels[k] = v;
            }
            var meta = new JsonObject { ["name"] = claimName, ["namespace"] = ns, ["labels"] = labels };
            if (Jn.ObjAt(template, "metadata", "annotations") is { } annotations)
            {
                meta["annotations"] = annotations.DeepClone();
            }
            if (deleteWithSet)
            {
                meta["ownerReferences"] = new JsonArray(OwnerRef(sts, "apps/v1", "StatefulSet"));
            }
            Service.CreateInternal(Claims, ns, new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "PersistentVolumeClaim",
                ["metadata"] = meta,
                ["spec"] = Jn.ObjAt(template, "spec")?.DeepClone(),
            }, Manager);
        }
        return true;
    }

    /// <summary>whenScaled: Delete — a condemned pod becomes the owner of its claims, so they go with it.</summary>
    private void OwnClaimsByPod(JsonObject sts, int ord, JsonObject pod)
    {
        foreach (var template in (Jn.ArrAt(sts, "spec", "volumeClaimTemplates") ?? []).OfType<JsonObject>())
        {
            var claimName = ClaimName(Jn.Name(template), Jn.Name(sts), ord);
            Service.Mutate(Claims, Jn.Namespace(sts), claimName, claim =>
            {
                var podRef = OwnerRef(pod, "v1", "Pod");
                podRef["controller"] = false;
                var refs = new JsonArray((Jn.ArrAt(claim, "metadata", "ownerReferences") ?? [])
                    .Where(r => Jn.Str(r, "uid") != Jn.Uid(pod)).Select(r => r?.DeepClone()).Append(podRef).ToArray());
                Jn.Meta(claim)["ownerReferences"] = refs;
            }, Manager);
        }
    }

    /// <summary>The ControllerRevision for the current template (created on first sight); returns its name.</summary>
    private string EnsureRevision(JsonObject sts)
    {
        var ns = Jn.Namespace(sts);
        var template = Jn.ObjAt(sts, "spec", "template") ?? [];
        var revisionName = $"{Jn.Name(sts)}-{CanonicalJson.Hash(template)}";
        if (Service.TryGetStored(Revisions, ns, revisionName) is null)
        {
            var owned = Service.ListStored(Revisions, ns).Where(r => IsControlledBy(r, Jn.Uid(sts))).ToList();
            var next = owned.Count == 0 ? 1 : owned.Max(r => Jn.Long(r, "revision") ?? 0) + 1;
            var data = (JsonObject)template.DeepClone();
            data["$patch"] = "replace";
            var labels = Jn.ObjAt(template, "metadata", "labels")?.DeepClone() as JsonObject ?? [];
            labels[RevisionLabel] = revisionName;
            Service.CreateInternal(Revisions, ns, new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "ControllerRevision",
                ["metadata"] = new JsonObject
                {
                    ["name"] = revisionName,
                    ["namespace"] = ns,
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(OwnerRef(sts, "apps/v1", "StatefulSet")),
                },
                ["data"] = new JsonObject { ["spec"] = new JsonObject { ["template"] = data } },
                ["revision"] = next,
            }, Manager);
        }
        return revisionName;
    }

    private JsonObject? TemplateFor(JsonObject sts, string revision)
    {
        var stored = Service.TryGetStored(Revisions, Jn.Namespace(sts), revision);
        if (Jn.ObjAt(stored, "data", "spec", "template")?.DeepClone() is not JsonObject template)
        {
            return null;
        }
        template.Remove("$patch");
        return template;
    }

    private void UpdateStatus(JsonObject sts, int replicas, string currentRevision, string updateRevision)
    {
        var ns = Jn.Namespace(sts)!;
        var pods = Service.ListStored(Pods, ns).Where(p => IsControlledBy(p, Jn.Uid(sts))).ToList();
        var ready = pods.Count(IsHealthy);
        var updated = pods.Count(p => Jn.Str(p, "metadata", "labels", RevisionLabel) == updateRevision && !Jn.IsDeleting(p));
        var current = pods.Count(p => Jn.Str(p, "metadata", "labels", RevisionLabel) == currentRevision && !Jn.IsDeleting(p));
        if (updated == replicas && pods.Count(p => !Jn.IsDeleting(p)) == replicas)
        {
            currentRevision = updateRevision;
            current = updated;
        }
        var generation = Jn.Long(sts, "metadata", "generation") ?? 1;
        Service.Mutate(Sts, ns, Jn.Name(sts), o =>
        {
            if (Jn.Uid(o) != Jn.Uid(sts))
            {
                return;
            }
            var status = Jn.Ensure(o, "status");
            status["observedGeneration"] = generation;
            status["replicas"] = pods.Count;
            status["readyReplicas"] = ready;
            status["currentReplicas"] = current;
            status["updatedReplicas"] = updated;
            status["availableReplicas"] = ready;
            status["currentRevision"] = currentRevision;
            status["updateRevision"] = updateRevision;
            status["collisionCount"] = 0;
        }, Manager, "status");
    }
}
