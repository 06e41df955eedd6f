using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Spool.KubeEmulator;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Serialization;
using Spool.Operator.Builders;
using Spool.Operator.Entities;
using Spool.Operator.Reconcilers;
using Spool.Operator.Yaml;
using Spool.Testing;

namespace Spool.Operator.Tests.Support;

/// <summary>
/// The reconcilers against the in-process API emulator (real API semantics, the CRDs from crds/, instant pods) and a
/// fake Kafka cluster: each reconcile is invoked directly with the object as the informer cache holds it.
/// </summary>
public sealed class ReconcilerEnvironment : IAsyncDisposable
{
    public static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", Namespaced: false);

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _informerTasks = [];

    private ReconcilerEnvironment(KubeApiEmulator api, KubernetesClient client)
    {
        Api = api;
        Client = client;
        Events = new EventRecorder(client, "spool-operator-test");
        Settings = new OperatorSettings { ResyncPeriod = TimeSpan.FromSeconds(30), ProgressInterval = TimeSpan.FromSeconds(1) };
        Clusters = Start(new Informer<SpoolCluster>(client.Resource<SpoolCluster>()));
        Topics = Start(new Informer<SpoolTopic>(client.Resource<SpoolTopic>()));
        Groups = Start(new Informer<SpoolConsumerGroup>(client.Resource<SpoolConsumerGroup>()));
        var owned = new InformerOptions { LabelSelector = ClusterLabels.ManagedSelector };
        StatefulSets = Start(new Informer<StatefulSet>(client.Resource<StatefulSet>(), owned));
        Pods = Start(new Informer<Pod>(client.Resource<Pod>(), owned));
        Budgets = Start(new Informer<PodDisruptionBudget>(client.Resource<PodDisruptionBudget>(), owned));
    }

    public const string Namespace = "streaming";

    public KubeApiEmulator Api { get; }

    public KubernetesClient Client { get; }

    public FakeClusterAdmin Kafka { get; } = new();

    public EventRecorder Events { get; }

    public OperatorSettings Settings { get; }

    public Informer<SpoolCluster> Clusters { get; }

    public Informer<SpoolTopic> Topics { get; }

    public Informer<SpoolConsumerGroup> Groups { get; }

    public Informer<StatefulSet> StatefulSets { get; }

    public Informer<Pod> Pods { get; }

    public Informer<PodDisruptionBudget> Budgets { get; }

    public static async Task<ReconcilerEnvironment> StartAsync()
    {
        var api = await KubeApiEmulator.StartAsync(new KubeEmulatorOptions { Namespaces = ["default", Namespace] });
        var client = new KubernetesClient(
            new KubernetesClientOptions { Server = api.BaseAddress, TokenSource = new StaticTokenSource(api.AdminToken), FieldManager = "spool-operator" },
            new KubernetesSerializer(OperatorJsonContext.Default));
        await InstallCrdsAsync(client, RepoPaths.Crds);
        var environment = new ReconcilerEnvironment(api, client);
        await environment.WaitForSyncAsync();
        return environment;
    }

    /// <summary>Creates the CRDs of a directory and waits until discovery serves them.</summary>
    public static async Task InstallCrdsAsync(KubernetesClient client, string directory)
    {
        var types = new List<(string Group, string Version, string Plural)>();
        foreach (var file in Directory.GetFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var document in YamlReader.ReadAll(await File.ReadAllTextAsync(file)))
            {
                await client.Resource<JsonObject>(Crds).CreateAsync(document.AsObject());
                var spec = document["spec"]!;
                types.Add((spec["group"]!.GetValue<string>(), spec["versions"]![0]!["name"]!.GetValue<string>(), spec["names"]!["plural"]!.GetValue<string>()));
            }
        }

        foreach (var (group, version, plural) in types)
        {
            (await Eventually.TrueAsync(() => client.Discovery.IsServedAsync(group, version, plural), TimeSpan.FromSeconds(10)))
                .Should().BeTrue($"{plural}.{group} should be served");
        }
    }

    public ClusterReconciler ClusterReconciler() =>
        new(Client, new ClusterCaches(StatefulSets.Cache, Pods.Cache, Budgets.Cache, Groups.Cache), Kafka,
            new MonitoringDiscovery(Client.Discovery, TimeSpan.Zero), Events, Settings, NullLogger<ClusterReconciler>.Instance);

    public TopicReconciler TopicReconciler() =>
        new(Client, Clusters.Cache, Topics.Cache, Kafka, Events, Settings, NullLogger<TopicReconciler>.Instance);

    public ConsumerGroupReconciler GroupReconciler() =>
        new(Client, Clusters.Cache, Kafka, Events, Settings, NullLogger<ConsumerGroupReconciler>.Instance);

    /// <summary>Reconciles the object once its latest version (or its deletion) reached the informer cache.</summary>
    public async Task<ReconcileResult> ReconcileAsync<T>(IReconciler<T> reconciler, Informer<T> informer, string name)
        where T : class, IKubernetesResource
    {
        var current = await Client.Resource<T>().TryGetAsync(Namespace, name);
        (await Eventually.TrueAsync(() => informer.Cache.Get(Namespace, name)?.Metadata.ResourceVersion == current?.Metadata.ResourceVersion, TimeSpan.FromSeconds(10)))
            .Should().BeTrue($"the cache should see {name} at resourceVersion {current?.Metadata.ResourceVersion}");
        return await reconciler.ReconcileAsync(new ReconcileRequest<T>(new ObjectKey(Namespace, name), informer.Cache.Get(Namespace, name)), CancellationToken.None);
    }

    /// <summary>A Cluster whose status says it has a ready broker, so Topics and ConsumerGroups can use it.</summary>
    public async Task<SpoolCluster> ReadyClusterAsync(string name = "events")
    {
        var cluster = await Client.Resource<SpoolCluster>().CreateAsync(new SpoolCluster
        {
            Metadata = new ObjectMeta { Name = name, Namespace = Namespace },
            Spec = new ClusterSpec(),
        });
        await Client.Resource<SpoolCluster>().PatchStatusAsync(Namespace, name, KubernetesPatch.Merge("""{"status":{"readyReplicas":1,"replicas":1}}"""));
        (await Eventually.TrueAsync(() => Clusters.Cache.Get(Namespace, name)?.Status?.ReadyReplicas == 1, TimeSpan.FromSeconds(10))).Should().BeTrue();
        return cluster;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_informerTasks);
        }
        catch (OperationCanceledException)
        {
            // Informers end by cancellation.
        }

        Client.Dispose();
        await Api.DisposeAsync();
        _stop.Dispose();
    }

    private Informer<T> Start<T>(Informer<T> informer)
        where T : class, IKubernetesObject
    {
        _informerTasks.Add(Task.Run(() => informer.RunAsync(_stop.Token)));
        return informer;
    }

    private Task WaitForSyncAsync() =>
        Task.WhenAll(Clusters.WaitForSyncAsync(_stop.Token), Topics.WaitForSyncAsync(_stop.Token), Groups.WaitForSyncAsync(_stop.Token),
            StatefulSets.WaitForSyncAsync(_stop.Token), Pods.WaitForSyncAsync(_stop.Token), Budgets.WaitForSyncAsync(_stop.Token));
}
