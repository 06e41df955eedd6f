using System.Globalization;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Schema;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kinds;

/// <summary>Services: DNS-1035 names, defaults, a cluster IP per service (no proxying), immutable clusterIP.</summary>
public sealed class ServiceStrategy : KindStrategy
{
    private int _nextIp = 10;

    public override NameRule NameRule => NameRule.Dns1035Label;

    public override void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        var spec = Jn.Ensure(obj, "spec");
        spec["type"] ??= "ClusterIP";
        var ip = Jn.Str(spec, "clusterIP");
        if (string.IsNullOrEmpty(ip) && Jn.Str(spec, "type") != "ExternalName")
        {
            var n = Interlocked.Increment(ref _nextIp);
            ip = string.Create(CultureInfo.InvariantCulture, $"10.96.{n / 250}.{(n % 250) + 1}");
            spec["clusterIP"] = ip;
        }
        if (!string.IsNullOrEmpty(ip))
        {
            spec["clusterIPs"] ??= new JsonArray(ip);
            spec["ipFamilies"] ??= new JsonArray("IPv4");
            spec["ipFamilyPolicy"] ??= "SingleStack";
        }
        spec["sessionAffinity"] ??= "None";
        spec["internalTrafficPolicy"] ??= "Cluster";
        DefaultPorts(spec);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    public override void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        var spec = Jn.Ensure(obj, "spec");
        // Allocated values the client left out are carried over, as the apiserver's patchAllocatedValues does.
        if (string.IsNullOrEmpty(Jn.Str(spec, "clusterIP")) && Jn.Get(old, "spec", "clusterIP") is { } oldIp)
        {
            spec["clusterIP"] = oldIp.DeepClone();
            spec["clusterIPs"] = Jn.Get(old, "spec", "clusterIPs")?.DeepClone();
        }
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        spec["internalTrafficPolicy"] ??= "Cluster";
        foreach (var f in new[] { "ipFamilies", "ipFamilyPolicy" })
        {
            spec[f] ??= Jn.Get(old, "spec", f)?.DeepClone();
        }
        DefaultPorts(spec);
    }

    public override void Validate(JsonObject obj, StrategyContext ctx, List<FieldError> errors)
    {
        var spec = Jn.ObjAt(obj, "spec");
        var ports = Jn.ArrAt(spec, "ports");
        var headless = Jn.Str(spec, "clusterIP") == "None";
        if ((ports is null || ports.Count == 0) && !headless && Jn.Str(spec, "type") != "ExternalName")
        {
            errors.Add(FieldError.Required("spec.ports"));
        }
        if (ports is { Count: > 1 })
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (string.IsNullOrEmpty(Jn.Str(ports[i], "name")))
                {
                    errors.Add(FieldError.Required($"spec.ports[{i}].name"));
                }
            }
        }
        for (var i = 0; i < (ports?.Count ?? 0); i++)
        {
            if (Jn.Long(ports![i], "port") is not (>= 1 and <= 65535))
            {
                errors.Add(FieldError.Invalid($"spec.ports[{i}].port", Jn.Get(ports[i], "port"), "must be between 1 and 65535, inclusive"));
            }
        }
    }

    public override void ValidateUpdate(JsonObject obj, JsonObject old, StrategyContext ctx, List<FieldError> errors)
    {
        var oldIp = Jn.Str(old, "spec", "clusterIP");
        var newIp = Jn.Str(obj, "spec", "clusterIP");
        if (!string.IsNullOrEmpty(oldIp) && oldIp != newIp && Jn.Str(obj, "spec", "type") != "ExternalName")
        {
            errors.Add(FieldError.Invalid("spec.clusterIPs[0]", JsonValue.Create(newIp ?? ""), "may not change once set"));
        }
    }

    private static void DefaultPorts(JsonObject spec)
    {
        foreach (var p in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            p["protocol"] ??= "TCP";
            p["targetPort"] ??= p["port"]?.DeepClone();
        }
    }
}
