using System.Net;
using System.Text;

namespace Spool.Kubernetes.Tests.Support;

/// <summary>Records requests and answers each with what the test says.</summary>
public sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<(HttpRequestMessage Request, string? Body)> Requests { get; } = [];

    public StubHandler(string json, HttpStatusCode code = HttpStatusCode.OK)
        : this(_ => new HttpResponseMessage(code) { Content = new StringContent(json, Encoding.UTF8, "application/json") })
    {
    }

    public (HttpRequestMessage Request, string? Body) Last => Requests[^1];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add((request, body));
        return respond(request);
    }
}
