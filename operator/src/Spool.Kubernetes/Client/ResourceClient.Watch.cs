using System.Globalization;
using System.Runtime.CompilerServices;

namespace Spool.Kubernetes.Client;

/// <summary>Watch: a long-running GET with watch=true whose body is a stream of events.</summary>
public sealed partial class ResourceClient<T>
{
    /// <summary>
    /// Streams events until the server ends the watch (timeoutSeconds) or <paramref name="cancellationToken"/> fires.
    /// A too-old resourceVersion arrives as an ERROR event with code 410 (<see cref="WatchEvent{T}.IsGone"/>) or,
    /// from some servers, as an HTTP 410 that throws <see cref="KubernetesApiException"/> with IsGone.
    /// </summary>
    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(string? ns, WatchOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        options ??= new WatchOptions();
        var request = Request(HttpMethod.Get, "watch", ns, null);
        request.AddQuery("watch", "true");
        request.AddQuery("labelSelector", options.LabelSelector);
        request.AddQuery("fieldSelector", options.FieldSelector);
        request.AddQuery("resourceVersion", options.ResourceVersion);
        if (options.AllowWatchBookmarks)
        {
            request.AddQuery("allowWatchBookmarks", "true");
        }

        request.AddQuery("timeoutSeconds", options.TimeoutSeconds?.ToString(CultureInfo.InvariantCulture));
        using var response = await _client.SendAsync(request, streaming: true, cancellationToken);
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var framer = new JsonValueFramer();
        while (await framer.ReadNextAsync(stream, cancellationToken) is { } frame)
        {
            yield return ReadEvent(frame);
        }
    }
}
