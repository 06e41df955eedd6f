using System.Text.Json.Nodes;
using Spool.Kubernetes.Client;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Tests.Support;

namespace Spool.Kubernetes.Tests.Client;

public sealed class RequestBuildingTests
{
    private const string ConfigMapJson = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"ns1","resourceVersion":"7"}}""";

    private static (KubernetesClient Client, StubHandler Handler) Create(string json = ConfigMapJson)
    {
        var handler = new StubHandler(json);
        return (TestClients.Create(handler), handler);
    }

    [Fact]
    public async Task Get_builds_core_and_group_paths()
    {
        var (client, handler) = Create();
        await client.Resource<ConfigMap>().GetAsync("ns1", "a");
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/api/v1/namespaces/ns1/configmaps/a");
        handler.Last.Request.Method.Should().Be(HttpMethod.Get);

        await client.Resource<StatefulSet>().TryGetAsync("ns1", "web");
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/apis/apps/v1/namespaces/ns1/statefulsets/web");

        await client.Resource<CustomResourceDefinition>().TryGetAsync(null, "clusters.spool.dev");
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/clusters.spool.dev");
    }

    [Fact]
    public async Task Server_path_prefix_is_kept()
    {
        var handler = new StubHandler(ConfigMapJson);
        var client = TestClients.Create(handler, server: "https://proxy.test/k8s/clusters/c-1/");
        await client.Resource<ConfigMap>().GetAsync("ns1", "a");
        handler.Last.Request.RequestUri!.ToString().Should().Be("https://proxy.test/k8s/clusters/c-1/api/v1/namespaces/ns1/configmaps/a");
    }

    [Fact]
    public async Task List_sends_selectors_pagination_and_version()
    {
        var (client, handler) = Create("""{"kind":"ConfigMapList","apiVersion":"v1","metadata":{"resourceVersion":"9"},"items":[]}""");
        await client.Resource<ConfigMap>().ListAsync("ns1", new ListOptions
        {
            LabelSelector = "app=spool,tier in (a,b)",
            FieldSelector = "metadata.name=x",
            Limit = 50,
            Continue = "tok/en",
            ResourceVersion = "0",
        });
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be(
            "/api/v1/namespaces/ns1/configmaps?labelSelector=app%3Dspool%2Ctier%20in%20%28a%2Cb%29&fieldSelector=metadata.name%3Dx&limit=50&continue=tok%2Fen&resourceVersion=0");

        await client.Resource<Pod>().ListAsync(null);
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/api/v1/pods");
    }

    [Fact]
    public async Task Watch_sends_watch_version_bookmarks_and_timeout()
    {
        var (client, handler) = Create("");
        await foreach (var _ in client.Resource<Lease>().WatchAsync("ns1", new WatchOptions { ResourceVersion = "42", TimeoutSeconds = 300, LabelSelector = "a=b" }))
        {
        }

        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be(
            "/apis/coordination.k8s.io/v1/namespaces/ns1/leases?watch=true&labelSelector=a%3Db&resourceVersion=42&allowWatchBookmarks=true&timeoutSeconds=300");
    }

    [Fact]
    public async Task Create_posts_to_the_collection_with_type_meta_filled_in()
    {
        var (client, handler) = Create();
        var configMap = new ConfigMap { ApiVersion = null, Kind = null, Metadata = new() { Name = "a", Namespace = "ns1" }, Data = new() { ["k"] = "v" } };
        await client.Resource<ConfigMap>().CreateAsync(configMap, new WriteOptions { DryRun = true });
        handler.Last.Request.Method.Should().Be(HttpMethod.Post);
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/api/v1/namespaces/ns1/configmaps?dryRun=All&fieldManager=spool-test");
        handler.Last.Request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonNode.Parse(handler.Last.Body!)!.ToJsonString().Should().Be(
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"ns1"},"data":{"k":"v"}}""");
    }

    [Fact]
    public async Task Replace_puts_to_the_object_with_its_resource_version()
    {
        var (client, handler) = Create();
        var configMap = new ConfigMap { Metadata = new() { Name = "a", Namespace = "ns1", ResourceVersion = "7" } };
        await client.Resource<ConfigMap>().ReplaceAsync(configMap);
        handler.Last.Request.Method.Should().Be(HttpMethod.Put);
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/api/v1/namespaces/ns1/configmaps/a?fieldManager=spool-test");
        handler.Last.Body.Should().Contain("\"resourceVersion\":\"7\"");
    }

    [Theory]
    [InlineData(PatchType.Merge, "application/merge-patch+json")]
    [InlineData(PatchType.Json, "application/json-patch+json")]
    [InlineData(PatchType.StrategicMerge, "application/strategic-merge-patch+json")]
    [InlineData(PatchType.Apply, "application/apply-patch+yaml")]
    public async Task Each_patch_type_has_its_content_type(PatchType type, string contentType)
    {
        var (client, handler) = Create();
        await client.Resource<ConfigMap>().PatchAsync("ns1", "a", new KubernetesPatch(type, "{}"u8.ToArray()));
        handler.Last.Request.Method.Should().Be(HttpMethod.Patch);
        handler.Last.Request.Content!.Headers.ContentType!.MediaType.Should().Be(contentType);
        handler.Last.Request.RequestUri!.AbsolutePath.Should().Be("/api/v1/namespaces/ns1/configmaps/a");
    }

    [Fact]
    public async Task Apply_sends_field_manager_and_force()
    {
        var (client, handler) = Create();
        var configMap = new ConfigMap { Metadata = new() { Name = "a", Namespace = "ns1" }, Data = new() { ["x"] = "1" } };
        await client.Resource<ConfigMap>().ApplyAsync(configMap, new WriteOptions { FieldManager = "spool-operator", Force = true });
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/api/v1/namespaces/ns1/configmaps/a?fieldManager=spool-operator&force=true");
        handler.Last.Request.Content!.Headers.ContentType!.MediaType.Should().Be("application/apply-patch+yaml");
        handler.Last.Body.Should().Be("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"ns1"},"data":{"x":"1"}}""");
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_refused()
    {
        var handler = new StubHandler(ConfigMapJson);
        var client = new KubernetesClient(new() { Server = new Uri("http://kube.test") }, null, handler);
        var act = () => client.Resource<ConfigMap>().ApplyAsync(new ConfigMap { Metadata = new() { Name = "a", Namespace = "n" } });
        await act.Should().ThrowAsync<ArgumentException>();
        handler.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task Status_subresource_paths()
    {
        var (client, handler) = Create();
        var resources = client.Resource<StatefulSet>();
        await resources.GetStatusAsync("ns1", "web");
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/apis/apps/v1/namespaces/ns1/statefulsets/web/status");
        await resources.ReplaceStatusAsync(new StatefulSet { Metadata = new() { Name = "web", Namespace = "ns1" }, Status = new() { ReadyReplicas = 1 } });
        handler.Last.Request.Method.Should().Be(HttpMethod.Put);
        handler.Last.Request.RequestUri!.AbsolutePath.Should().Be("/apis/apps/v1/namespaces/ns1/statefulsets/web/status");
        await resources.PatchStatusAsync("ns1", "web", KubernetesPatch.Merge("""{"status":{"readyReplicas":2}}"""));
        handler.Last.Request.RequestUri!.AbsolutePath.Should().Be("/apis/apps/v1/namespaces/ns1/statefulsets/web/status");
        await resources.ApplyStatusAsync(new StatefulSet { Metadata = new() { Name = "web", Namespace = "ns1" } });
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/apis/apps/v1/namespaces/ns1/statefulsets/web/status?fieldManager=spool-test");
    }

    [Fact]
    public async Task Delete_sends_propagation_policy_and_preconditions_in_the_body()
    {
        var (client, handler) = Create("""{"kind":"Status","apiVersion":"v1","status":"Success"}""");
        var deleted = await client.Resource<StatefulSet>().DeleteAsync("ns1", "web", new DeleteOptions
        {
            PropagationPolicy = PropagationPolicy.Foreground,
            Preconditions = new Preconditions { Uid = "u-1", ResourceVersion = "5" },
        });
        deleted.Should().BeNull("the server answered with a Status");
        handler.Last.Request.Method.Should().Be(HttpMethod.Delete);
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/apis/apps/v1/namespaces/ns1/statefulsets/web");
        handler.Last.Body.Should().Be("""{"apiVersion":"v1","kind":"DeleteOptions","propagationPolicy":"Foreground","preconditions":{"uid":"u-1","resourceVersion":"5"}}""");
    }

    [Fact]
    public async Task Delete_returns_the_object_when_it_lingers()
    {
        var (client, _) = Create("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a","namespace":"ns1","deletionTimestamp":"2026-01-01T00:00:00Z","finalizers":["x"]}}""");
        var deleted = await client.Resource<ConfigMap>().DeleteAsync("ns1", "a");
        deleted!.Metadata.DeletionTimestamp.Should().NotBeNull();
    }

    [Fact]
    public async Task Names_and_namespaces_are_escaped_and_required()
    {
        var (client, handler) = Create();
        await client.Resource<ConfigMap>().GetAsync("ns1", "a b");
        handler.Last.Request.RequestUri!.AbsolutePath.Should().Be("/api/v1/namespaces/ns1/configmaps/a%20b");
        var act = () => client.Resource<ConfigMap>().GetAsync(null, "a");
        await act.Should().ThrowAsync<ArgumentException>("a namespaced object needs its namespace");
    }

    [Fact]
    public async Task Unstructured_objects_use_the_given_resource_type()
    {
        var (client, handler) = Create("""{"apiVersion":"monitoring.coreos.com/v1","kind":"ServiceMonitor","metadata":{"name":"m","namespace":"ns1"}}""");
        var serviceMonitors = new ResourceType("monitoring.coreos.com", "v1", "servicemonitors", "ServiceMonitor", Namespaced: true);
        var monitor = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "m", ["namespace"] = "ns1" }, ["spec"] = new JsonObject() };
        var applied = await client.Resource<JsonObject>(serviceMonitors).ApplyAsync(monitor, new WriteOptions { Force = true });
        handler.Last.Request.RequestUri!.PathAndQuery.Should().Be("/apis/monitoring.coreos.com/v1/namespaces/ns1/servicemonitors/m?fieldManager=spool-test&force=true");
        JsonNode.Parse(handler.Last.Body!)!["apiVersion"]!.GetValue<string>().Should().Be("monitoring.coreos.com/v1");
        JsonNode.Parse(handler.Last.Body!)!["kind"]!.GetValue<string>().Should().Be("ServiceMonitor");
        applied["kind"]!.GetValue<string>().Should().Be("ServiceMonitor");
    }

    [Fact]
    public async Task Requests_carry_accept_json_and_the_bearer_token()
    {
        var handler = new StubHandler(ConfigMapJson);
        var client = new KubernetesClient(new() { Server = new Uri("http://kube.test"), TokenSource = new Spool.Kubernetes.Configuration.StaticTokenSource("t0k") }, null, handler);
        await client.Resource<ConfigMap>().GetAsync("ns1", "a");
        handler.Last.Request.Headers.Authorization!.ToString().Should().Be("Bearer t0k");
        handler.Last.Request.Headers.Accept.ToString().Should().Be("application/json");
        handler.Last.Request.Headers.UserAgent.ToString().Should().StartWith("spool-kubernetes/");
    }
}
