using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Spool.KubeEmulator;
using Spool.KubeEmulator.Registry;

namespace Spool.Helm.Tests.Support;

/// <summary>
/// The in-repo API emulator with the Prometheus Operator's CRDs (schemas reduced to preserve-unknown-fields), so
/// every object the chart renders can be created as `helm install` would create it: the API server then checks names,
/// labels, RBAC role references, workload selectors, and the Cluster against its CRD's schema.
/// </summary>
public sealed class EmulatedCluster : IAsyncDisposable
{
    private static readonly (string Kind, string Plural)[] MonitoringKinds =
        [("ServiceMonitor", "servicemonitors"), ("PodMonitor", "podmonitors"), ("PrometheusRule", "prometheusrules")];

    private EmulatedCluster(KubeApiEmulator api)
    {
        Api = api;
        Http = api.CreateClient();
    }

    public KubeApiEmulator Api { get; }

    public HttpClient Http { get; }

    public static async Task<EmulatedCluster> StartAsync(IEnumerable<string> namespaces)
    {
        var api = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions
        {
            Namespaces = ["default", "kube-system", .. namespaces],
            RunKubelet = false,
        });
        var cluster = new EmulatedCluster(api);
        foreach (var (kind, plural) in MonitoringKinds)
        {
            await cluster.CreateAsync(new JsonObject
            {
                ["apiVersion"] = "apiextensions.k8s.io/v1",
                ["kind"] = "CustomResourceDefinition",
                ["metadata"] = new JsonObject { ["name"] = $"{plural}.monitoring.coreos.com" },
                ["spec"] = new JsonObject
                {
                    ["group"] = "monitoring.coreos.com",
                    ["scope"] = "Namespaced",
                    ["names"] = new JsonObject { ["kind"] = kind, ["plural"] = plural, ["singular"] = kind.ToLowerInvariant(), ["listKind"] = kind + "List" },
                    ["versions"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "v1",
                        ["served"] = true,
                        ["storage"] = true,
                        ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                    }),
                },
            });
        }

        return cluster;
    }

    /// <summary>POSTs the object to its collection; returns the status code and the API's answer.</summary>
    public async Task<(int Status, string Body)> CreateAsync(JsonObject obj)
    {
        var apiVersion = obj["apiVersion"]!.GetValue<string>();
        var kind = obj["kind"]!.GetValue<string>();
        var type = await TypeAsync(apiVersion, kind);
        var ns = obj["metadata"]?["namespace"]?.GetValue<string>();
        var prefix = type.Group.Length == 0 ? $"/api/{apiVersion}" : $"/apis/{apiVersion}";
        var path = type.Namespaced ? $"{prefix}/namespaces/{ns}/{type.Plural}" : $"{prefix}/{type.Plural}";
        using var response = await Http.PostAsJsonAsync(path, obj);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>A kind's resource, waiting briefly for a just-created CRD to be served.</summary>
    private async Task<ResourceType> TypeAsync(string apiVersion, string kind)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Api.Registry.FindByKind(apiVersion, kind) is { } type)
            {
                return type;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"the API serves no {kind} in {apiVersion}");
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
    }
}
