using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;

namespace Spool.KubeEmulator.Kinds;

/// <summary>
/// The defaults the apiserver fills into a PodSpec (also inside StatefulSet and Deployment templates),
/// so clients that compare desired and live specs see the same server-added fields as on a real cluster.
/// </summary>
public static class PodDefaults
{
    public static void ApplySpec(JsonObject spec)
    {
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["securityContext"] ??= new JsonObject();
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var list in new[] { "containers", "initContainers" })
        {
            if (spec[list] is JsonArray containers)
            {
                foreach (var c in containers.OfType<JsonObject>())
                {
                    ApplyContainer(c);
                }
            }
        }
        if (spec["volumes"] is JsonArray volumes)
        {
            foreach (var v in volumes.OfType<JsonObject>())
            {
                foreach (var source in new[] { "configMap", "secret" })
                {
                    if (v[source] is JsonObject src)
                    {
                        src["defaultMode"] ??= 420;
                    }
                }
            }
        }
    }

    private static void ApplyContainer(JsonObject c)
    {
        var image = Jn.Str(c, "image") ?? "";
        var lastSegment = image.Split('/')[^1];
        var latest = !lastSegment.Contains(':', StringComparison.Ordinal) || lastSegment.EndsWith(":latest", StringComparison.Ordinal);
        c["imagePullPolicy"] ??= latest && !image.Contains('@', StringComparison.Ordinal) ? "Always" : "IfNotPresent";
        c["terminationMessagePath"] ??= "/dev/termination-log";
        c["terminationMessagePolicy"] ??= "File";
        c["resources"] ??= new JsonObject();
        if (c["ports"] is JsonArray ports)
        {
            foreach (var p in ports.OfType<JsonObject>())
            {
                p["protocol"] ??= "TCP";
            }
        }
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            if (c[probe] is JsonObject pr)
            {
                pr["timeoutSeconds"] ??= 1;
                pr["periodSeconds"] ??= 10;
                pr["successThreshold"] ??= 1;
                pr["failureThreshold"] ??= 3;
                if (pr["httpGet"] is JsonObject http)
                {
                    http["path"] ??= "/";
                    http["scheme"] ??= "HTTP";
                }
            }
        }
    }
}
