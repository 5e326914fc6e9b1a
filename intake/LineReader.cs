using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// Reads physical lines (ended by CR, LF or CR LF) like <see cref="TextReader.ReadLineAsync()"/>, but never holds
/// more than <paramref name="maxLineLength"/> characters of a line: a longer line is skipped and reported, so a
/// file without line breaks cannot fill the memory.
/// </summary>
internal sealed class LineReader(TextReader reader, int maxLineLength)
{
    private readonly char[] _buffer = new char[16 * 1024];
    private readonly StringBuilder _builder = new();
    private int _position;
    private int _length;

    // The last line ended with CR: an LF right after it belongs to that line break.
    private bool _skipLineFeed;

    /// <summary>Reads the next line, or returns null at the end of the text.</summary>
    public async ValueTask<TextLine?> ReadLineAsync(CancellationToken cancellationToken)
    {
        _builder.Clear();
        var any = false;
        var tooLong = false;
        while (true)
        {
            if (_position == _length)
            {
                _position = 0;
                _length = await reader.ReadAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                if (_length == 0)
                {
                    return any ? Line() : null;
                }
            }

            if (_skipLineFeed)
            {
                _skipLineFeed = false;
                if (_buffer[_position] == '\n')
                {
                    _position++;
                    continue;
                }
            }

            any = true;
            var available = _buffer.AsSpan(_position, _length - _position);
            var end = available.IndexOfAny('\r', '\n');
            var text = end < 0 ? available : available[..end];
            if (end >= 0 && _builder.Length == 0 && !tooLong && text.Length <= maxLineLength)
            {
                // The whole line is in the buffer: no copy through the builder.
                _skipLineFeed = available[end] == '\r';
                _position += end + 1;
                return new TextLine(new string(text), IsTooLong: false);
            }

            if (!tooLong && _builder.Length + text.Length > maxLineLength)
            {
                tooLong = true;
                _builder.Clear();
            }

            if (!tooLong)
            {
                _builder.Append(text);
            }

            _position += text.Length;
            if (end >= 0)
            {
                _skipLineFeed = available[end] == '\r';
                _position++;
                return Line();
            }
        }

        TextLine Line() => tooLong ? new TextLine(string.Empty, IsTooLong: true) : new TextLine(_builder.ToString(), IsTooLong: false);
    }
}
