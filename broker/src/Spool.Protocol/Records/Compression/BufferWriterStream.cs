namespace Spool.Protocol.Records.Compression;

/// <summary>A write-only stream into a <see cref="KafkaWriter"/>, so that stream compressors write straight into the batch.</summary>
internal sealed class BufferWriterStream : Stream
{
    private readonly KafkaWriter _writer;

    public BufferWriterStream(KafkaWriter writer)
    {
        _writer = writer;
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => _writer.WriteRaw(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer) => _writer.WriteRaw(buffer);

    public override void WriteByte(byte value) => _writer.WriteRaw([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
