using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Spool.KubeEmulator.Api;
using Spool.KubeEmulator.Auth;
using Spool.KubeEmulator.Controllers;
using Spool.KubeEmulator.Kinds;
using Spool.KubeEmulator.Kubelet;
using Spool.KubeEmulator.Registry;
using Spool.KubeEmulator.Server;
using Spool.KubeEmulator.Storage;

namespace Spool.KubeEmulator;

/// <summary>
/// A Kubernetes API server emulator on 127.0.0.1 (plain HTTP, bearer tokens), with controllers and a
/// kubelet. <c>await using var api = await KubeApiEmulator.StartAsync(options);</c>
/// </summary>
public sealed partial class KubeApiEmulator : IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly List<Controller> _controllers = [];
    private readonly bool _ownsDataDirectory;
    private WebApplication? _app;

    private KubeApiEmulator(KubeEmulatorOptions options)
    {
        Options = options;
        Store = new ObjectStore(options.HistoryCapacity);
        Registry = new ResourceRegistry();
        BuiltinResources.RegisterAll(Registry);
        Service = new ResourceService(Store, Registry, TimeProvider.System);
        BuiltinStrategies.RegisterAll(Service.Strategies);
        Authenticator = new TokenAuthenticator(options.AdminToken) { AllowAnonymous = options.AllowAnonymous };
        Rbac = new RbacAuthorizer(Service) { Enabled = options.EnableRbac };
        _ownsDataDirectory = options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "spool-kube-emulator-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(DataDirectory);
        Ports = new PortRegistry();
        Endpoints = new EndpointResolver(Service, Ports);
    }

    public KubeEmulatorOptions Options { get; }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    /// <summary>The verbs with API semantics, for in-process use that should not go over HTTP.</summary>
    public ResourceService Service { get; }

    public TokenAuthenticator Authenticator { get; }

    public RbacAuthorizer Rbac { get; }

    public RequestLog Requests { get; } = new();

    /// <summary>(namespace, pod, containerPort) to the real 127.0.0.1 port a pod's process listens on.</summary>
    public PortRegistry Ports { get; }

    /// <summary>Resolves &lt;svc&gt;.&lt;ns&gt;.svc and &lt;pod&gt;.&lt;svc&gt;.&lt;ns&gt;.svc names to loopback endpoints.</summary>
    public EndpointResolver Endpoints { get; }

    public PodKubelet? Kubelet { get; private set; }

    public string DataDirectory { get; }

    /// <summary>The serving certificate when <see cref="KubeEmulatorOptions.UseTls"/> is on.</summary>
    public X509Certificate2? Certificate { get; private set; }

    public int Port { get; private set; }

    /// <summary>http://127.0.0.1:&lt;port&gt;</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string Url => BaseAddress.ToString().TrimEnd('/');

    public string AdminToken => Authenticator.AdminToken;

    public bool RbacEnabled
    {
        get => Rbac.Enabled;
        set => Rbac.Enabled = value;
    }

    public CancellationToken Stopping => _stopping.Token;

    public static async Task<KubeApiEmulator> StartAsync(KubeEmulatorOptions? options = null, CancellationToken ct = default)
    {
        var emulator = new KubeApiEmulator(options ?? new KubeEmulatorOptions());
        try
        {
            await emulator.StartCoreAsync(ct);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        Bootstrap();
        if (Options.UseTls)
        {
            Certificate = SelfSignedCertificate.Create();
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, Options.Port, listen =>
            {
                if (Certificate is not null)
                {
                    listen.UseHttps(Certificate);
                }
            });
            k.Limits.MaxRequestBodySize = 64 * 1024 * 1024;
        });
        _app = builder.Build();
        var handler = new ApiHandler(this);
        _app.Run(handler.HandleAsync);
        await _app.StartAsync(ct);
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Port = new Uri(address).Port;
        BaseAddress = new Uri($"{(Certificate is null ? "http" : "https")}://127.0.0.1:{Port}/");

        if (Options.RunControllers)
        {
            _controllers.Add(new GarbageCollector(Service));
            _controllers.Add(new NamespaceController(Service));
            _controllers.Add(new CrdCleanupController(Service));
            _controllers.Add(new PersistentVolumeController(Service));
            _controllers.Add(new StatefulSetController(Service));
        }
        foreach (var c in _controllers)
        {
            _loops.Add(Task.Run(() => c.RunAsync(_stopping.Token), CancellationToken.None));
        }
        if (Options.RunKubelet)
        {
            Kubelet = new PodKubelet(Service, Options.PodRuntime ?? new InstantPodRuntime(), Ports, Options.Kubelet, DataDirectory) { ApiServerPort = Port };
            _loops.Add(Task.Run(() => Kubelet.RunAsync(_stopping.Token), CancellationToken.None));
        }
    }

    /// <summary>What a fresh cluster has: namespaces, a node, and the cluster-admin role bound to system:masters.</summary>
    private void Bootstrap()
    {
        var nsType = Service.Type("", "namespaces");
        foreach (var ns in Options.Namespaces)
        {
            Service.CreateInternal(nsType, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, "kube-apiserver");
        }
        Service.CreateInternal(Service.Type("", "nodes"), null, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = PodKubelet.NodeName,
                ["labels"] = new JsonObject { ["kubernetes.io/hostname"] = PodKubelet.NodeName, ["kubernetes.io/os"] = "linux" },
            },
        }, "kube-apiserver");
        Service.CreateInternal(Service.Type("rbac.authorization.k8s.io", "clusterroles"), null, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "cluster-admin" },
            ["rules"] = new JsonArray(
                new JsonObject { ["apiGroups"] = new JsonArray("*"), ["resources"] = new JsonArray("*"), ["verbs"] = new JsonArray("*") },
                new JsonObject { ["nonResourceURLs"] = new JsonArray("*"), ["verbs"] = new JsonArray("*") }),
        }, "kube-apiserver");
        Service.CreateInternal(Service.Type("rbac.authorization.k8s.io", "clusterrolebindings"), null, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "cluster-admin" },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "cluster-admin" },
            ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = "system:masters" }),
        }, "kube-apiserver");
    }

    public string MintServiceAccountToken(string @namespace, string name) => Authenticator.MintServiceAccountToken(@namespace, name);

    public string MintUserToken(string user, params string[] groups) => Authenticator.MintUserToken(user, groups);

    /// <summary>Forgets all watch history: a watch from any earlier resourceVersion now gets 410 Gone.</summary>
    public void CompactHistory() => Store.Compact();

    /// <summary>An HttpClient for this server with a bearer token (the admin token by default).</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var handler = new HttpClientHandler();
        if (Certificate is { } cert)
        {
            handler.ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(cert.RawData);
        }
        var client = new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(100) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token ?? AdminToken);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (Kubelet is not null)
        {
            await Kubelet.StopAllAsync();
        }
        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception)
        {
            // Loops end on cancellation; a stuck one must not block shutdown.
        }
        foreach (var c in _controllers)
        {
            c.Dispose();
        }
        if (_app is not null)
        {
            await _app.StopAsync(CancellationToken.None);
            await _app.DisposeAsync();
        }
        _stopping.Dispose();
        Certificate?.Dispose();
        if (_ownsDataDirectory)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a process may still hold a file.
            }
            catch (UnauthorizedAccessException)
            {
                // Same.
            }
        }
    }
}
