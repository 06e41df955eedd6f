using System.Text.Json.Nodes;
using Spool.KubeEmulator;
using Spool.KubeEmulator.Kubelet;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Entities;
using Spool.Testing;

namespace Spool.E2E.Tests.Harness;

/// <summary>
/// An emulated Kubernetes cluster with Spool installed: the API emulator (kubelet running real broker processes),
/// the CRDs from crds/, the operator's ServiceAccount and RBAC, and operator replicas started on demand. Tests talk
/// to the API with <see cref="Client"/> (admin) and to the brokers with <see cref="Admin"/> and <see cref="ProduceAsync"/>.
/// </summary>
public sealed partial class SpoolEnvironment : IAsyncDisposable
{
    public static readonly ResourceType CustomResourceDefinitions = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    private readonly TempDirectory _directory = new("spool-e2e");
    private readonly List<OperatorProcess> _operators = [];

    private SpoolEnvironment(KubeApiEmulator api, SpoolEnvironmentOptions options)
    {
        Api = api;
        Options = options;
        Client = new KubernetesClient(
            new KubernetesClientOptions { Server = api.BaseAddress, TokenSource = new StaticTokenSource(api.AdminToken), FieldManager = "e2e-test" },
            new KubernetesSerializer(OperatorJsonContext.Default));
    }

    public KubeApiEmulator Api { get; }

    public SpoolEnvironmentOptions Options { get; }

    /// <summary>The tests' own client, as cluster admin.</summary>
    public KubernetesClient Client { get; }

    public string Namespace => Options.Namespace;

    public string Directory => _directory.Path;

    public static async Task<SpoolEnvironment> StartAsync(SpoolEnvironmentOptions? options = null)
    {
        options ??= new SpoolEnvironmentOptions();
        var api = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions
        {
            Namespaces = ["default", "kube-system", options.OperatorNamespace, options.Namespace],
            PodRuntime = new ProcessPodRuntime(BrokerPods.Runtime()),
        });
        var environment = new SpoolEnvironment(api, options);
        try
        {
            await environment.InstallCrdsAsync();
            await environment.InstallRbacAsync();
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    /// <summary>Creates every CRD of crds/ (so the emulator validates the generated files) and waits until they are served.</summary>
    public async Task InstallCrdsAsync()
    {
        foreach (var file in System.IO.Directory.GetFiles(RepoPaths.Crds, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in Operator.Yaml.YamlReader.ReadAll(await File.ReadAllTextAsync(file)))
            {
                await Client.Resource<JsonObject>(CustomResourceDefinitions).CreateAsync(document.AsObject());
            }
        }

        foreach (var type in new[] { SpoolCluster.Resource, SpoolTopic.Resource, SpoolConsumerGroup.Resource })
        {
            await Wait.UntilAsync(() => Client.Discovery.IsServedAsync(type), $"{type} is served");
        }
    }

    /// <summary>The Prometheus Operator's CRDs (schemas reduced to preserve-unknown-fields), to test monitoring discovery.</summary>
    public async Task InstallMonitoringCrdsAsync()
    {
        foreach (var type in new[] { MonitoringResources.ServiceMonitors, MonitoringResources.PrometheusRules })
        {
            await Client.Resource<JsonObject>(CustomResourceDefinitions).CreateAsync(new JsonObject
            {
                ["apiVersion"] = "apiextensions.k8s.io/v1",
                ["kind"] = "CustomResourceDefinition",
                ["metadata"] = new JsonObject { ["name"] = $"{type.Plural}.{type.Group}" },
                ["spec"] = new JsonObject
                {
                    ["group"] = type.Group,
                    ["scope"] = "Namespaced",
                    ["names"] = new JsonObject { ["kind"] = type.Kind, ["plural"] = type.Plural, ["singular"] = type.Kind.ToLowerInvariant(), ["listKind"] = type.Kind + "List" },
                    ["versions"] = new JsonArray(new JsonObject
                    {
                        ["name"] = type.Version,
                        ["served"] = true,
                        ["storage"] = true,
                        ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true } },
                    }),
                },
            });
            await Wait.UntilAsync(() => Client.Discovery.IsServedAsync(type), $"{type} is served");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _operators)
        {
            await replica.DisposeAsync();
        }

        Client.Dispose();
        await Api.DisposeAsync();
        _directory.Dispose();
    }
}
