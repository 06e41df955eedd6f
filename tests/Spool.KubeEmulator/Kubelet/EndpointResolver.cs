using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// Cluster DNS for tests: maps &lt;svc&gt;.&lt;ns&gt;.svc[.cluster.local]:&lt;port&gt; (through the service's
/// selector, port and targetPort to a ready pod) and &lt;pod&gt;.&lt;svc&gt;.&lt;ns&gt;.svc:&lt;containerPort&gt;
/// (a pod's stable name under a headless service) to the loopback endpoint the pod really listens on.
/// Services are not proxied: this lookup is the whole "network".
/// </summary>
public sealed class EndpointResolver(ResourceService service, PortRegistry ports)
{
    /// <summary>"host:port" form.</summary>
    public IPEndPoint? Resolve(string hostAndPort)
    {
        var colon = hostAndPort.LastIndexOf(':');
        return colon > 0 && int.TryParse(hostAndPort[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? Resolve(hostAndPort[..colon], port)
            : null;
    }

    public IPEndPoint? Resolve(string host, int port)
    {
        var h = host.ToLowerInvariant().TrimEnd('.');
        if (h.EndsWith(".cluster.local", StringComparison.Ordinal))
        {
            h = h[..^".cluster.local".Length];
        }
        if (h is "localhost" or "127.0.0.1")
        {
            return new IPEndPoint(IPAddress.Loopback, port);
        }
        var parts = h.Split('.');
        return parts switch
        {
            [var pod, var svc, var ns, "svc"] => ResolvePod(ns, pod, svc, port),
            [var svc, var ns, "svc"] => ResolveService(ns, svc, port),
            [var svc, var ns] => ResolveService(ns, svc, port),
            [var svc] => ResolveService("default", svc, port),
            _ => null,
        };
    }

    private IPEndPoint? ResolvePod(string ns, string podName, string subdomain, int port)
    {
        var pods = service.ListStored(service.Type("", "pods"), ns);
        var pod = pods.FirstOrDefault(p => (Jn.Str(p, "spec", "hostname") ?? Jn.Name(p)) == podName && Jn.Str(p, "spec", "subdomain") == subdomain)
            ?? pods.FirstOrDefault(p => Jn.Name(p) == podName);
        return pod is not null && ports.TryGet(ns, Jn.Name(pod), port, out var actual) ? new IPEndPoint(IPAddress.Loopback, actual) : null;
    }

    private IPEndPoint? ResolveService(string ns, string name, int port)
    {
        var svc = service.TryGetStored(service.Type("", "services"), ns, name);
        if (svc is null || Jn.ObjAt(svc, "spec", "selector") is not { Count: > 0 } selectorMap)
        {
            return null;
        }
        var selector = LabelSelector.FromJson(new JsonObject { ["matchLabels"] = selectorMap.DeepClone() });
        var headless = Jn.Str(svc, "spec", "clusterIP") == "None";
        var svcPort = (Jn.ArrAt(svc, "spec", "ports") ?? []).OfType<JsonObject>().FirstOrDefault(p => Jn.Long(p, "port") == port);
        if (svcPort is null && !headless)
        {
            return null;
        }
        var candidates = service.ListStored(service.Type("", "pods"), ns)
            .Where(p => selector.Matches(p) && !Jn.IsDeleting(p))
            .OrderByDescending(IsReady).ThenBy(Jn.Name, StringComparer.Ordinal);
        foreach (var pod in candidates)
        {
            var containerPort = svcPort is null ? port : TargetPort(pod, svcPort["targetPort"] ?? svcPort["port"]);
            if (containerPort > 0 && ports.TryGet(ns, Jn.Name(pod), containerPort, out var actual))
            {
                return new IPEndPoint(IPAddress.Loopback, actual);
            }
        }
        return null;
    }

    private static bool IsReady(JsonObject pod) =>
        (Jn.ArrAt(pod, "status", "conditions") ?? []).Any(c => Jn.Str(c, "type") == "Ready" && Jn.Str(c, "status") == "True");

    private static int TargetPort(JsonObject pod, JsonNode? target)
    {
        if (target is JsonValue v && v.TryGetValue<int>(out var n))
        {
            return n;
        }
        var name = Jn.ScalarText(target);
        if (int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }
        foreach (var c in (Jn.ArrAt(pod, "spec", "containers") ?? []).OfType<JsonObject>())
        {
            foreach (var p in (c["ports"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (Jn.Str(p, "name") == name)
                {
                    return (int)(Jn.Long(p, "containerPort") ?? 0);
                }
            }
        }
        return 0;
    }
}
