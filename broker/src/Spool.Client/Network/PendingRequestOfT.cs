using Spool.Protocol;

namespace Spool.Client.Network;

/// <summary>A pending request that decodes its response as <typeparamref name="T"/>.</summary>
internal sealed class PendingRequest<T> : PendingRequest
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ResponseReader<T> _read;

    public PendingRequest(ApiKey api, short version, ResponseReader<T> read)
        : base(api, version)
    {
        _read = read;
    }

    public Task<T> Task => _completion.Task;

    public override void Complete(ReadOnlyMemory<byte> frame)
    {
        try
        {
            var reader = new KafkaReader(frame);
            ResponseHeader.Read(ref reader, ResponseHeaderVersion);
            _completion.TrySetResult(_read(ref reader, Version));
        }
        catch (KafkaProtocolException e)
        {
            // The frame boundary is intact, so only this request fails; the connection carries on.
            _completion.TrySetException(new KafkaException(ErrorCode.UnknownServerError, $"{Api} v{Version} response could not be decoded: {e.Message}", e));
        }
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);
}
