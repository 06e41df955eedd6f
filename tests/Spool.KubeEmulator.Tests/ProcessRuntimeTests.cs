using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Spool.KubeEmulator.Kubelet;

namespace Spool.KubeEmulator.Tests;

/// <summary>The kubelet running a real process: python3's http.server on a remapped port, a configMap volume, probes and SIGTERM.</summary>
public sealed class ProcessRuntimeTests : EmulatorTest
{
    protected override KubeEmulatorOptions Options() => new() { PodRuntime = new ProcessPodRuntime(new ProcessRuntimeOptions()) };

    private static JsonObject Pod() => JsonNode.Parse("""
        {
          "apiVersion": "v1", "kind": "Pod",
          "metadata": {"name": "web", "labels": {"app": "web"}},
          "spec": {
            "terminationGracePeriodSeconds": 5,
            "hostname": "web", "subdomain": "web",
            "containers": [{
              "name": "http", "image": "python:3",
              "command": ["python3", "-m", "http.server", "8080", "--bind", "127.0.0.1", "--directory", "/srv/site"],
              "env": [{"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}],
              "ports": [{"containerPort": 8080, "name": "http"}],
              "readinessProbe": {"httpGet": {"path": "/index.html", "port": "http"}, "periodSeconds": 1},
              "livenessProbe": {"tcpSocket": {"port": 8080}, "periodSeconds": 1},
              "volumeMounts": [{"name": "site", "mountPath": "/srv/site"}]
            }],
            "volumes": [{"name": "site", "configMap": {"name": "site"}}]
          }
        }
        """)!.AsObject();

    private async Task<bool> Ready() =>
        (await K.Get("/api/v1/namespaces/default/pods/web")).Body["status"]?["conditions"]?.AsArray()
            .Any(c => c!["type"]!.GetValue<string>() == "Ready" && c["status"]!.GetValue<string>() == "True") == true;

    [Fact]
    public async Task Pod_process_becomes_ready_serves_on_its_mapped_port_and_stops_on_delete()
    {
        await K.Ok(K.Post("/api/v1/namespaces/default/configmaps", Kube.ConfigMap("site", data: new() { ["index.html"] = "hello from the pod" })));
        await K.Ok(K.Post("/api/v1/namespaces/default/services", new
        {
            apiVersion = "v1", kind = "Service", metadata = new { name = "web" },
            spec = new { clusterIP = "None", selector = new { app = "web" }, ports = new[] { new { name = "http", port = 80, targetPort = "http" } } },
        }));
        await K.Ok(K.Post("/api/v1/namespaces/default/pods", Pod()));
        await Kube.Eventually(Ready, "the readiness probe passes against the real process", 30);

        Api.Ports.TryGet("default", "web", 8080, out var port).Should().BeTrue();
        port.Should().NotBe(8080);
        var endpoint = Api.Endpoints.Resolve("web.web.default.svc", 8080)!;
        endpoint.Port.Should().Be(port);
        using (var http = new HttpClient())
        {
            (await http.GetStringAsync($"http://127.0.0.1:{port}/index.html")).Should().Be("hello from the pod");
        }
        var pod = await K.Ok(K.Get("/api/v1/namespaces/default/pods/web"));
        pod["status"]!["phase"]!.GetValue<string>().Should().Be("Running");
        pod["status"]!["containerStatuses"]![0]!["ready"]!.GetValue<bool>().Should().BeTrue();
        pod["status"]!["containerStatuses"]![0]!["state"]!["running"].Should().NotBeNull();

        var deleting = await K.Ok(K.Delete("/api/v1/namespaces/default/pods/web"));
        deleting["metadata"]!["deletionGracePeriodSeconds"]!.GetValue<long>().Should().Be(5);
        await Kube.Eventually(async () => (await K.Get("/api/v1/namespaces/default/pods/web")).Code == HttpStatusCode.NotFound,
            "the kubelet stops the process and removes the pod", 30);
        using var client = new TcpClient();
        var refused = false;
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
        }
        catch (SocketException)
        {
            refused = true;
        }
        refused.Should().BeTrue("the process is gone");
    }

    [Fact]
    public async Task A_crashing_container_is_restarted_and_counted()
    {
        var pod = JsonNode.Parse("""
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crash"},
             "spec": {"terminationGracePeriodSeconds": 1, "containers": [{"name": "c", "image": "python:3", "command": ["python3", "-c", "import sys; print('bye'); sys.exit(3)"]}]}}
            """)!.AsObject();
        await K.Ok(K.Post("/api/v1/namespaces/default/pods", pod));
        await Kube.Eventually(async () => (await K.Get("/api/v1/namespaces/default/pods/crash")).Body["status"]?["containerStatuses"]?[0]?["restartCount"]?.GetValue<int>() >= 2,
            "restartPolicy Always restarts the container", 30);
        var status = (await K.Ok(K.Get("/api/v1/namespaces/default/pods/crash")))["status"]!["containerStatuses"]![0]!;
        status["lastState"]!["terminated"]!["exitCode"]!.GetValue<int>().Should().Be(3);
        var log = await K.Http.GetStringAsync("/api/v1/namespaces/default/pods/crash/log");
        log.Should().Contain("bye");
        await K.Ok(K.Delete("/api/v1/namespaces/default/pods/crash"));
    }
}
