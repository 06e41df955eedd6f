using Spool.Broker.Network;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Broker.Handlers;

/// <summary>ApiVersions: the APIs and versions this broker serves; records the client's software name (v3+).</summary>
public sealed class ApiVersionsHandler : RequestHandler<ApiVersionsRequest, ApiVersionsResponse>
{
    private readonly IServiceProvider _services;
    private List<ApiVersionsResponse.ApiVersion>? _apiKeys;

    public ApiVersionsHandler(IServiceProvider services)
    {
        // The dispatcher owns the list of served APIs and is built from all handlers, this one included.
        _services = services;
    }

    protected override ValueTask<ApiVersionsResponse?> HandleAsync(RequestContext context, ApiVersionsRequest request, CancellationToken cancellationToken)
    {
        if (context.ApiVersion >= 3)
        {
            context.Session.ClientSoftwareName = request.ClientSoftwareName;
            context.Session.ClientSoftwareVersion = request.ClientSoftwareVersion;
        }

        _apiKeys ??= _services.GetRequiredService<RequestDispatcher>().SupportedApis
            .Select(a => new ApiVersionsResponse.ApiVersion { ApiKey = (short)a.Key, MinVersion = a.LowestVersion, MaxVersion = a.HighestVersion })
            .ToList();

        // KIP-511: a v3+ request with an invalid software name/version is answered with INVALID_REQUEST.
        var error = context.ApiVersion >= 3 && !(IsValidSoftwareField(request.ClientSoftwareName) && IsValidSoftwareField(request.ClientSoftwareVersion))
            ? ErrorCode.InvalidRequest
            : ErrorCode.None;
        return ValueTask.FromResult<ApiVersionsResponse?>(new ApiVersionsResponse
        {
            ErrorCode = (short)error,
            ApiKeys = _apiKeys,
        });
    }

    private static bool IsValidSoftwareField(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-') && char.IsAsciiLetterOrDigit(value[0]) && char.IsAsciiLetterOrDigit(value[^1]);
}
