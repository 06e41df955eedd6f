using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Runtime;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Runtime;

public sealed class FinalizerTests : IDisposable
{
    private const string Finalizer = "spool.dev/topic";

    private readonly FakeKubernetesApi _api = new();
    private readonly KubernetesClient _client;

    public FinalizerTests() => _client = TestClients.Create(_api);

    public void Dispose() => _client.Dispose();

    private ResourceClient<ConfigMap> ConfigMaps => _client.Resource<ConfigMap>();

    private Task<ConfigMap> SeedAsync(params string[] finalizers) => ConfigMaps.CreateAsync(new ConfigMap
    {
        Metadata = new() { Name = "t", Namespace = "n", Finalizers = finalizers.Length == 0 ? null : [.. finalizers] },
    });

    [Fact]
    public async Task Add_patches_the_list_with_the_resource_version_and_is_idempotent()
    {
        var created = await SeedAsync("other/keep");
        var updated = await Finalizers.AddAsync(ConfigMaps, created, Finalizer);
        updated.Metadata.Finalizers.Should().Equal("other/keep", Finalizer);
        var patch = _api.Requests.Single(r => r.Method == "PATCH");
        patch.ContentType.Should().Be("application/merge-patch+json");
        patch.Body.Should().Be("{\"metadata\":{\"finalizers\":[\"other/keep\",\"" + Finalizer + "\"],\"resourceVersion\":\"" + created.Metadata.ResourceVersion + "\"}}");

        (await Finalizers.AddAsync(ConfigMaps, updated, Finalizer)).Should().BeSameAs(updated);
        _api.Requests.Count(r => r.Method == "PATCH").Should().Be(1, "nothing to change");
    }

    [Fact]
    public async Task A_concurrent_change_is_not_lost()
    {
        var created = await SeedAsync();

        // Another controller adds its finalizer after we read the object.
        _api.Upsert("/api/v1", "configmaps", JsonNode.Parse("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"t","namespace":"n","finalizers":["other/x"]}}""")!.AsObject());
        var updated = await Finalizers.AddAsync(ConfigMaps, created, Finalizer);
        updated.Metadata.Finalizers.Should().Equal("other/x", Finalizer);
        _api.Requests.Count(r => r.Method == "PATCH").Should().Be(2, "the first patch conflicted and was redone on a fresh read");
    }

    [Fact]
    public async Task Removing_the_last_finalizer_of_a_deleted_object_lets_it_go()
    {
        var created = await Finalizers.AddAsync(ConfigMaps, await SeedAsync(), Finalizer);
        var deleting = await ConfigMaps.DeleteAsync("n", "t");
        deleting!.Metadata.DeletionTimestamp.Should().NotBeNull("the finalizer holds it");
        Finalizers.Has(deleting, Finalizer).Should().BeTrue();

        await Finalizers.RemoveAsync(ConfigMaps, deleting, Finalizer);
        (await ConfigMaps.TryGetAsync("n", "t")).Should().BeNull();
        (await Finalizers.RemoveAsync(ConfigMaps, created, Finalizer)).Should().BeNull("already gone");
    }
}
