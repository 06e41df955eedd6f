using System.Text.Json;

namespace Spool.Kubernetes.Client;

/// <summary>
/// Splits a watch stream into its top-level JSON values as bytes arrive. The API server ends each event with a
/// newline, but framing by JSON structure (as client-go does) does not depend on that.
/// </summary>
internal sealed class JsonValueFramer
{
    private const int MaxEventBytes = 64 * 1024 * 1024;

    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    /// <summary>The next complete value, or null when the stream ended (a partial trailing value is dropped).</summary>
    public async ValueTask<byte[]?> ReadNextAsync(Stream stream, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryFrame(out var value))
            {
                return value;
            }

            MakeRoom();
            var read = await stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    private bool TryFrame(out byte[]? value)
    {
        value = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), isFinalBlock: false, state: default);
        if (!reader.Read())
        {
            return false;
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
        {
            return false;
        }

        var consumed = (int)reader.BytesConsumed;
        value = _buffer.AsSpan(_start, consumed).ToArray();
        _start += consumed;
        return true;
    }

    private void MakeRoom()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length >= MaxEventBytes)
            {
                throw new JsonException($"A watch event exceeds {MaxEventBytes} bytes.");
            }

            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }
}
