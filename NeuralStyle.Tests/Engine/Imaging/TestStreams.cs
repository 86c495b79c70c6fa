namespace NeuralStyle.Tests.Engine.Imaging;

/// <summary>Like an ASP.NET request body: cannot seek, and (unless allowed) synchronous reads are refused.</summary>
internal sealed class UnseekableStream(byte[] content, bool allowSynchronousReads = false) : Stream
{
    private readonly MemoryStream inner = new(content);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => allowSynchronousReads
        ? inner.Read(buffer, offset, count)
        : throw new InvalidOperationException("Synchronous reads are not allowed.");

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>A stream of unknown length that never ends (a PNG signature, then zeros), counting what was read from it.</summary>
internal sealed class EndlessStream : Stream
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var span = buffer.AsSpan(offset, count);
        span.Clear();
        for (var i = 0; i < span.Length && BytesRead + i < Signature.Length; i++)
        {
            span[i] = Signature[BytesRead + i];
        }

        BytesRead += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
