using System.Text;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// A container's environment as the kubelet builds it: envFrom (with prefix), then env with value,
/// $(VAR) references to earlier variables, fieldRef, configMapKeyRef and secretKeyRef.
/// </summary>
public static class EnvResolver
{
    public static Dictionary<string, string> Resolve(JsonObject pod, JsonObject container, ResourceService service, string apiServerHost, int apiServerPort)
    {
        var ns = Jn.Namespace(pod);
        var env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["KUBERNETES_SERVICE_HOST"] = apiServerHost,
            ["KUBERNETES_SERVICE_PORT"] = apiServerPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["HOSTNAME"] = Jn.Str(pod, "spec", "hostname") ?? Jn.Name(pod),
        };
        foreach (var from in (container["envFrom"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var prefix = Jn.Str(from, "prefix") ?? "";
            if (from["configMapRef"] is JsonObject cmRef)
            {
                var cm = Lookup(service, "configmaps", ns, cmRef);
                foreach (var (k, v) in Jn.StringMap(cm?["data"]))
                {
                    env[prefix + k] = v;
                }
            }
            if (from["secretRef"] is JsonObject secretRef)
            {
                var secret = Lookup(service, "secrets", ns, secretRef);
                foreach (var (k, v) in Jn.StringMap(secret?["data"]))
                {
                    env[prefix + k] = Decode(v);
                }
            }
        }
        foreach (var e in (container["env"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Jn.Str(e, "name") ?? "";
            if (Jn.Str(e, "value") is { } value)
            {
                env[name] = ProcessPodRuntime.Expand(value, env);
            }
            else if (e["valueFrom"] is JsonObject from)
            {
                var resolved = ValueFrom(pod, from, service, ns);
                if (resolved is not null)
                {
                    env[name] = resolved;
                }
            }
            else
            {
                env[name] = "";
            }
        }
        return env;
    }

    private static string? ValueFrom(JsonObject pod, JsonObject from, ResourceService service, string? ns)
    {
        if (Jn.Str(from, "fieldRef", "fieldPath") is { } fieldPath)
        {
            return FieldRef(pod, fieldPath);
        }
        if (from["configMapKeyRef"] is JsonObject cmKey)
        {
            var cm = Lookup(service, "configmaps", ns, cmKey);
            var key = Jn.Str(cmKey, "key") ?? "";
            return Jn.Str(cm, "data", key) ?? Optional(cmKey, $"configmap {Jn.Str(cmKey, "name")} has no key {key}");
        }
        if (from["secretKeyRef"] is JsonObject secretKey)
        {
            var secret = Lookup(service, "secrets", ns, secretKey);
            var key = Jn.Str(secretKey, "key") ?? "";
            return Jn.Str(secret, "data", key) is { } v ? Decode(v) : Optional(secretKey, $"secret {Jn.Str(secretKey, "name")} has no key {key}");
        }
        if (from["resourceFieldRef"] is JsonObject)
        {
            return "0";
        }
        return null;
    }

    public static string FieldRef(JsonObject pod, string fieldPath)
    {
        if (fieldPath.StartsWith("metadata.labels['", StringComparison.Ordinal) || fieldPath.StartsWith("metadata.annotations['", StringComparison.Ordinal))
        {
            var map = fieldPath.StartsWith("metadata.labels", StringComparison.Ordinal) ? "labels" : "annotations";
            var key = fieldPath[(fieldPath.IndexOf("['", StringComparison.Ordinal) + 2)..^2];
            return Jn.Str(pod, "metadata", map, key) ?? "";
        }
        return fieldPath switch
        {
            "metadata.name" => Jn.Name(pod),
            "metadata.namespace" => Jn.Namespace(pod) ?? "",
            "metadata.uid" => Jn.Uid(pod),
            "spec.nodeName" => Jn.Str(pod, "spec", "nodeName") ?? PodKubelet.NodeName,
            "spec.serviceAccountName" => Jn.Str(pod, "spec", "serviceAccountName") ?? "default",
            "status.hostIP" or "status.podIP" or "status.hostIPs" or "status.podIPs" => "127.0.0.1",
            _ => "",
        };
    }

    private static JsonObject? Lookup(ResourceService service, string resource, string? ns, JsonObject reference)
    {
        var name = Jn.Str(reference, "name") ?? "";
        var obj = service.TryGetStored(service.Type("", resource), ns, name);
        if (obj is null && Jn.Bool(reference, "optional") != true)
        {
            throw new InvalidOperationException($"{resource.TrimEnd('s')} \"{name}\" not found");
        }
        return obj;
    }

    private static string? Optional(JsonObject reference, string message) =>
        Jn.Bool(reference, "optional") == true ? null : throw new InvalidOperationException(message);

    private static string Decode(string base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException)
        {
            return base64;
        }
    }
}
