using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Spool.Kubernetes.Tests.Support;

/// <summary>
/// A Kestrel server on 127.0.0.1 that answers every GET with a ConfigMap describing how the client authenticated
/// (client certificate subject, Authorization header): enough to test TLS and credentials end to end.
/// </summary>
public sealed class TestApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestApiServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<TestApiServer> StartAsync(X509Certificate2? serverCertificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (serverCertificate is not null)
            {
                listen.UseHttps(https =>
                {
                    https.ServerCertificate = serverCertificate;
                    https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;

                    // Which CA issued the client certificate is not the point here; the test reads the subject.
                    https.ClientCertificateValidation = (_, _, _) => true;
                });
            }
        }));
        var app = builder.Build();
        app.Run(async context =>
        {
            var certificate = await context.Connection.GetClientCertificateAsync();
            var body = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = "whoami", ["namespace"] = "default" },
                ["data"] = new JsonObject
                {
                    ["clientCertificate"] = certificate?.Subject ?? "",
                    ["authorization"] = context.Request.Headers.Authorization.ToString(),
                    ["path"] = context.Request.Path.Value,
                },
            };
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body.ToJsonString());
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestApiServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        // Connections left by failed handshakes would hold a graceful stop for its full timeout.
        using var now = new CancellationTokenSource(TimeSpan.Zero);
        await _app.StopAsync(now.Token);
        await _app.DisposeAsync();
    }
}
