using System.Globalization;
using System.Text;

namespace CrmActors.Intake.Tests;

/// <summary>
/// A forward-only UTF-8 CSV of <paramref name="rows"/> data rows, made as it is read, so a test of a large file
/// holds none of it; counts the bytes handed out.
/// </summary>
public sealed class GeneratedCsvStream(int rows) : Stream
{
    private byte[] _chunk = Encoding.UTF8.GetBytes("姓名,手机号,渠道,备注\n");
    private int _chunkPosition;
    private int _nextRow = 1;

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

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_chunkPosition == _chunk.Length)
            {
                if (_nextRow > rows)
                {
                    break;
                }

                _chunk = Encoding.UTF8.GetBytes(string.Create(
                    CultureInfo.InvariantCulture,
                    $"客户{_nextRow},139{_nextRow:D8},官网,\"note {_nextRow}, with a comma\"\n"));
                _chunkPosition = 0;
                _nextRow++;
            }

            var count = Math.Min(buffer.Length - written, _chunk.Length - _chunkPosition);
            _chunk.AsSpan(_chunkPosition, count).CopyTo(buffer[written..]);
            _chunkPosition += count;
            written += count;
        }

        BytesRead += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
