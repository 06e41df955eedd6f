using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Spool.Kubernetes.Configuration;
using Spool.Kubernetes.Models;
using Spool.Kubernetes.Serialization;

namespace Spool.Kubernetes.Client;

/// <summary>
/// The typed Kubernetes client. Every call goes through <see cref="SendAsync"/>, which knows what it addresses
/// (verb, group, resource, subresource, namespace), tells the observers, adds authentication and decodes errors.
/// </summary>
public sealed class KubernetesClient : IDisposable
{
    private const int MaxRetryAfterAttempts = 3;

    private readonly HttpClient _http;
    private readonly ITokenSource? _tokens;
    private readonly AuthenticationHeaderValue? _basic;
    private readonly TimeProvider _time;
    private readonly Lock _observersLock = new();
    private volatile IKubernetesCallObserver[] _observers = [];

    public KubernetesClient(
        KubernetesClientOptions options,
        KubernetesSerializer? serializer = null,
        HttpMessageHandler? handler = null,
        TimeProvider? timeProvider = null)
    {
        Options = options;
        Serializer = serializer ?? KubernetesSerializer.Default;
        _time = timeProvider ?? TimeProvider.System;
        _http = new HttpClient(handler ?? KubernetesHttpHandlerFactory.Create(options), disposeHandler: true)
        {
            // Watches run for minutes; non-watch calls get their own deadline in SendAsync.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd(options.UserAgent);
        _tokens = options.TokenSource;
        if (options.Username is not null)
        {
            _basic = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));
        }

        Discovery = new DiscoveryClient(this);
    }

    public KubernetesClientOptions Options { get; }

    public KubernetesSerializer Serializer { get; }

    public string DefaultNamespace => Options.Namespace;

    public DiscoveryClient Discovery { get; }

    /// <summary>Adds an observer told about every call (for example a <see cref="KubernetesCallRecorder"/>).</summary>
    public void AddObserver(IKubernetesCallObserver observer)
    {
        lock (_observersLock)
        {
            _observers = [.. _observers, observer];
        }
    }

    public ResourceClient<T> Resource<T>()
        where T : class, IKubernetesResource => new(this, T.Resource);

    /// <summary>Any resource by coordinates, for example <c>Resource&lt;JsonObject&gt;(serviceMonitors)</c> for unstructured access.</summary>
    public ResourceClient<T> Resource<T>(ResourceType type)
        where T : class => new(this, type);

    /// <summary>
    /// Sends one call. Non-streaming responses are buffered under <see cref="KubernetesClientOptions.RequestTimeout"/>;
    /// streaming ones (watch) return after the headers. A non-success status throws <see cref="KubernetesApiException"/>.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(KubernetesRequest request, bool streaming, CancellationToken cancellationToken)
    {
        var call = request.ToCall();
        foreach (var observer in _observers)
        {
            observer.OnCall(call);
        }

        var uri = new Uri(Options.Server.AbsoluteUri.TrimEnd('/') + request.PathAndQuery(), UriKind.Absolute);
        for (var attempt = 0; ; attempt++)
        {
            using var timeout = streaming ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout?.CancelAfter(Options.RequestTimeout);
            using var message = await CreateMessageAsync(request, uri, cancellationToken);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(
                    message,
                    streaming ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead,
                    timeout?.Token ?? cancellationToken);
            }
            catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{call} timed out after {Options.RequestTimeout}.", ex);
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var retryAfter = RetryAfter(response);
            var status = (int)response.StatusCode;
            response.Dispose();
            if (status == (int)HttpStatusCode.Unauthorized && _tokens is not null && attempt == 0)
            {
                // A rotated token: read it again once before giving up.
                _tokens.Invalidate();
                continue;
            }

            if (retryAfter is { } delay && (status == 429 || status >= 500) && attempt < MaxRetryAfterAttempts)
            {
                await Task.Delay(delay > TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : delay, _time, cancellationToken);
                continue;
            }

            throw KubernetesApiException.FromResponse(status, body, retryAfter);
        }
    }

    /// <summary>Sends a call and returns the response body.</summary>
    public async Task<byte[]> SendForBytesAsync(KubernetesRequest request, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, streaming: false, cancellationToken);
        return await response.Content.ReadAsByteArrayAsync(cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta ??
        (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private async ValueTask<HttpRequestMessage> CreateMessageAsync(KubernetesRequest request, Uri uri, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(request.Method, uri);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
            message.Content.Headers.ContentType = new MediaTypeHeaderValue(request.ContentType ?? "application/json");
        }

        if (_tokens is not null && await _tokens.GetTokenAsync(cancellationToken) is { Length: > 0 } token)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        else if (_basic is not null)
        {
            message.Headers.Authorization = _basic;
        }

        return message;
    }
}
