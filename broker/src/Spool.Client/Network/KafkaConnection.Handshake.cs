using System.Buffers.Binary;
using Spool.Client.Internal;
using Spool.Protocol;
using Spool.Protocol.Messages;

namespace Spool.Client.Network;

/// <summary>The ApiVersions handshake, with the KIP-511 fallback for brokers that do not know our version.</summary>
internal sealed partial class KafkaConnection
{
    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var version = ApiCatalog.Get(ApiKey.ApiVersions).HighestVersion;
        for (var attempt = 0; ; attempt++)
        {
            var request = new ApiVersionsRequest
            {
                ClientSoftwareName = ClientSoftware.Name,
                ClientSoftwareVersion = ClientSoftware.Version,
            };
            var response = await SendCoreAsync(request, ApiKey.ApiVersions, version, ReadApiVersions, RequestTimeout, cancellationToken);
            if (response.ErrorCode == (short)ErrorCode.UnsupportedVersion && attempt == 0 && version > 0)
            {
                // The v0-encoded answer lists the ApiVersions range the broker does speak: retry at its highest.
                var theirs = response.ApiKeys.FirstOrDefault(k => k.ApiKey == (short)ApiKey.ApiVersions);
                version = (short)Math.Clamp(theirs?.MaxVersion ?? 0, 0, version - 1);
                continue;
            }

            KafkaException.ThrowIfError(response.ErrorCode, context: $"ApiVersions v{version} to {Endpoint}");
            Versions = new ApiVersionSet(response.ApiKeys);
            return;
        }
    }

    /// <summary>
    /// A broker that does not know the request's version answers at v0 with UNSUPPORTED_VERSION (KIP-511). The
    /// error code leads every version's body, so it tells which layout to decode.
    /// </summary>
    internal static ApiVersionsResponse ReadApiVersions(ref KafkaReader reader, short version)
    {
        if (version == 0)
        {
            return ApiVersionsResponse.Read(ref reader, 0);
        }

        var fallback = reader;
        if (reader.Remaining >= 2 && BinaryPrimitives.ReadInt16BigEndian(fallback.ReadSpan(2)) == (short)ErrorCode.UnsupportedVersion)
        {
            fallback = reader;
            return ApiVersionsResponse.Read(ref fallback, 0);
        }

        fallback = reader;
        try
        {
            return ApiVersionsResponse.Read(ref reader, version);
        }
        catch (KafkaProtocolException)
        {
            return ApiVersionsResponse.Read(ref fallback, 0);
        }
    }
}
