using System.Text;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Json;
using Spool.KubeEmulator.Server;

namespace Spool.KubeEmulator.Kubelet;

/// <summary>
/// Materializes a pod's volumes as host directories: configMap/secret/downwardAPI/projected as files
/// (rewritten when their source changes), emptyDir in the pod directory, and persistentVolumeClaim
/// as a per-claim directory that outlives pods (removed when the claim is deleted).
/// </summary>
public static class VolumeSetup
{
    public static string ClaimDirectory(string dataRoot, string ns, string claim) => Path.Combine(dataRoot, "pvc", ns, claim);

    /// <summary>Host path per volume name; throws while a referenced non-optional source is missing.</summary>
    public static Dictionary<string, string> Materialize(JsonObject pod, string podDir, string dataRoot, ResourceService service)
    {
        var ns = Jn.Namespace(pod) ?? "";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var v in (Jn.ArrAt(pod, "spec", "volumes") ?? []).OfType<JsonObject>())
        {
            var name = Jn.Str(v, "name") ?? "";
            var dir = Path.Combine(podDir, "volumes", name);
            if (v["persistentVolumeClaim"] is JsonObject pvc)
            {
                var claim = Jn.Str(pvc, "claimName") ?? "";
                if (service.TryGetStored(service.Type("", "persistentvolumeclaims"), ns, claim) is null)
                {
                    throw new InvalidOperationException($"persistentvolumeclaim \"{claim}\" not found");
                }
                dir = ClaimDirectory(dataRoot, ns, claim);
                Directory.CreateDirectory(dir);
            }
            else if (v["hostPath"] is JsonObject hostPath)
            {
                dir = Jn.Str(hostPath, "path") ?? dir;
            }
            else
            {
                Directory.CreateDirectory(dir);
                if (v["configMap"] is JsonObject cm)
                {
                    WriteSource(service, "configmaps", ns, cm, dir, decode: false);
                }
                else if (v["secret"] is JsonObject secret)
                {
                    var reference = (JsonObject)secret.DeepClone();
                    reference["name"] = Jn.Str(secret, "secretName");
                    WriteSource(service, "secrets", ns, reference, dir, decode: true);
                }
                else if (v["downwardAPI"] is JsonObject downward)
                {
                    WriteDownward(pod, downward, dir);
                }
                else if (v["projected"] is JsonObject projected)
                {
                    foreach (var source in (projected["sources"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (source["configMap"] is JsonObject pcm)
                        {
                            WriteSource(service, "configmaps", ns, pcm, dir, decode: false);
                        }
                        else if (source["secret"] is JsonObject ps)
                        {
                            WriteSource(service, "secrets", ns, ps, dir, decode: true);
                        }
                        else if (source["downwardAPI"] is JsonObject pd)
                        {
                            WriteDownward(pod, pd, dir);
                        }
                    }
                }
            }
            result[name] = dir;
        }
        return result;
    }

    public static List<VolumeMountMapping> Mounts(JsonObject container, IReadOnlyDictionary<string, string> volumes)
    {
        var mounts = new List<VolumeMountMapping>();
        foreach (var m in (container["volumeMounts"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = Jn.Str(m, "name") ?? "";
            if (!volumes.TryGetValue(name, out var host))
            {
                continue;
            }
            if (Jn.Str(m, "subPath") is { Length: > 0 } sub)
            {
                host = Path.Combine(host, sub);
            }
            mounts.Add(new VolumeMountMapping(name, Jn.Str(m, "mountPath") ?? "", host, Jn.Bool(m, "readOnly") == true));
        }
        return mounts;
    }

    private static void WriteSource(ResourceService service, string resource, string ns, JsonObject reference, string dir, bool decode)
    {
        var name = Jn.Str(reference, "name") ?? "";
        var obj = service.TryGetStored(service.Type("", resource), ns, name);
        if (obj is null)
        {
            if (Jn.Bool(reference, "optional") == true)
            {
                return;
            }
            throw new InvalidOperationException($"{resource.TrimEnd('s')} \"{name}\" not found");
        }
        var data = Jn.StringMap(obj["data"]);
        var binary = Jn.StringMap(obj["binaryData"]);
        var items = (reference["items"] as JsonArray)?.OfType<JsonObject>().ToList();
        IEnumerable<(string Key, string Path)> files = items is { Count: > 0 }
            ? items.Select(i => (Jn.Str(i, "key") ?? "", Jn.Str(i, "path") ?? Jn.Str(i, "key") ?? ""))
            : data.Keys.Concat(binary.Keys).Select(k => (k, k));
        foreach (var (key, relative) in files)
        {
            byte[] bytes;
            if (data.TryGetValue(key, out var text))
            {
                bytes = decode ? Convert.FromBase64String(text) : Encoding.UTF8.GetBytes(text);
            }
            else if (binary.TryGetValue(key, out var b64))
            {
                bytes = Convert.FromBase64String(b64);
            }
            else
            {
                continue;
            }
            WriteIfChanged(Path.Combine(dir, relative), bytes);
        }
    }

    private static void WriteDownward(JsonObject pod, JsonObject downward, string dir)
    {
        foreach (var item in (downward["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Jn.Str(item, "fieldRef", "fieldPath") is { } fieldPath && Jn.Str(item, "path") is { } relative)
            {
                WriteIfChanged(Path.Combine(dir, relative), Encoding.UTF8.GetBytes(EnvResolver.FieldRef(pod, fieldPath)));
            }
        }
    }

    private static void WriteIfChanged(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path) && File.ReadAllBytes(path).AsSpan().SequenceEqual(bytes))
        {
            return;
        }
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }
}
