using Spool.Protocol;

namespace Spool.Client.Network;

/// <summary>A request written to a connection whose response has not arrived yet.</summary>
internal abstract class PendingRequest
{
    protected PendingRequest(ApiKey api, short version)
    {
        Api = api;
        Version = version;
        ResponseHeaderVersion = ApiCatalog.Get(api).ResponseHeaderVersion(version);
    }

    public ApiKey Api { get; }

    public short Version { get; }

    public short ResponseHeaderVersion { get; }

    public int CorrelationId { get; set; }

    /// <summary>Decodes the frame (without its length prefix) and completes the waiting caller.</summary>
    public abstract void Complete(ReadOnlyMemory<byte> frame);

    public abstract void Fail(Exception error);
}
