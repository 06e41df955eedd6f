using System.Buffers;
using System.IO.Pipelines;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Network;

/// <summary>
/// Decodes one request frame, runs its handler and writes the response. Follows Kafka's rules for bad
/// input: an unknown API key, an unsupported version (except ApiVersions, answered per KIP-511) or an
/// undecodable body closes the connection; nothing a client sends can crash the broker.
/// </summary>
public sealed class RequestDispatcher
{
    private readonly Dictionary<ApiKey, IRequestHandler> _handlers;
    private readonly ILogger<RequestDispatcher> _logger;
    private readonly RequestMetrics _metrics;

    public RequestDispatcher(IEnumerable<IRequestHandler> handlers, RequestMetrics metrics, ILogger<RequestDispatcher> logger)
    {
        _handlers = handlers.ToDictionary(h => h.Key);
        _logger = logger;
        _metrics = metrics;
        SupportedApis = ApiCatalog.All.Where(a => _handlers.ContainsKey(a.Key)).ToList();
    }

    /// <summary>The APIs this broker serves, with versions, as ApiVersions advertises them.</summary>
    public IReadOnlyList<ApiInfo> SupportedApis { get; }

    /// <summary>Handles one frame; returns false when the connection must be closed.</summary>
    public async ValueTask<bool> ProcessAsync(ClientSession session, ReadOnlyMemory<byte> frame, PipeWriter output, CancellationToken cancellationToken)
    {
        var (key, version, correlationId) = RequestHeader.PeekPrefix(frame.Span);
        if (!_handlers.TryGetValue(key, out var handler) || !ApiCatalog.TryGet(key, out var api))
        {
            _logger.LogInformation("Closing connection {Session} from {Remote}: unknown API key {Key}", session.Id, session.RemoteEndPoint, (short)key);
            return false;
        }

        if (!api.IsSupported(version))
        {
            if (key == ApiKey.ApiVersions)
            {
                await WriteAsync(output, correlationId, 0, 0, UnsupportedApiVersions(), cancellationToken);
                return true;
            }

            _logger.LogInformation(
                "Closing connection {Session} from {Remote}: {Api} version {Version} is not supported ({Min}-{Max})",
                session.Id, session.RemoteEndPoint, api.Name, version, api.LowestVersion, api.HighestVersion);
            return false;
        }

        RequestHeader header;
        IKafkaRequest request;
        try
        {
            var reader = new KafkaReader(frame);
            header = RequestHeader.Read(ref reader, api.RequestHeaderVersion(version));
            request = KafkaRequestDecoder.Decode(key, ref reader, version);
        }
        catch (KafkaProtocolException e)
        {
            _logger.LogInformation("Closing connection {Session} from {Remote}: malformed {Api} v{Version} request: {Message}", session.Id, session.RemoteEndPoint, api.Name, version, e.Message);
            return false;
        }

        var context = new RequestContext(header, session);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        IKafkaResponse? response;
        try
        {
            response = await handler.HandleAsync(context, request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.ReleaseResponseResources();
            return false;
        }
        catch (Exception e)
        {
            context.ReleaseResponseResources();
            _metrics.RecordFailure(api.Name);
            _logger.LogError(e, "{Api} v{Version} from {Client} failed; closing the connection", api.Name, version, header.ClientId);
            return false;
        }

        _metrics.Record(api.Name, response, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        try
        {
            if (response is not null)
            {
                await WriteAsync(output, correlationId, api.ResponseHeaderVersion(version), version, response, cancellationToken);
            }
        }
        finally
        {
            context.ReleaseResponseResources();
        }

        return true;
    }

    private ApiVersionsResponse UnsupportedApiVersions() => new()
    {
        ErrorCode = (short)ErrorCode.UnsupportedVersion,
        ApiKeys = SupportedApis.Where(a => a.Key == ApiKey.ApiVersions).Select(a => new ApiVersionsResponse.ApiVersion
        {
            ApiKey = (short)a.Key,
            MinVersion = a.LowestVersion,
            MaxVersion = a.HighestVersion,
        }).ToList(),
    };

    private static async ValueTask WriteAsync(PipeWriter output, int correlationId, short headerVersion, short version, IKafkaResponse response, CancellationToken cancellationToken)
    {
        using (var writer = new KafkaWriter(512))
        {
            var sizeAt = writer.ReserveInt32();
            ResponseHeader.Write(writer, correlationId, headerVersion);
            response.Write(writer, version);
            writer.PatchInt32(sizeAt, writer.Length - 4);
            output.Write(writer.WrittenSpan);
        }

        await output.FlushAsync(cancellationToken);
    }
}
