using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// Reads delimited text record by record. The delimiter is taken from the header line. A record whose quoting
/// is broken becomes an error row, and reading resumes at the line after the one that record started on, so a
/// stray quote costs one row instead of swallowing the rest of the file as one giant quoted value.
/// </summary>
internal sealed class DelimitedTextSource(TextReader text) : IRowSource
{
    /// <summary>The longest line, and the longest record, read; longer ones become error rows.</summary>
    public const int MaxRecordLength = 1 << 20;

    /// <summary>
    /// How many lines one quoted value may span before its opening quote is taken to be a stray one. Bounds the
    /// look-ahead, and so the memory and re-parsing spent on a broken row.
    /// </summary>
    public const int MaxLinesPerRecord = 100;

    private const string UnclosedQuote = "a quoted value in it is not closed";

    private readonly LineReader _lines = new(text, MaxRecordLength);

    // Lines read ahead for a record that turned out broken: read again, most recent on top.
    private readonly Stack<TextLine> _replay = new();
    private readonly List<string> _pending = [];
    private readonly List<string> _fields = [];
    private readonly StringBuilder _scratch = new();
    private int _rowNumber;
    private int _headerCellCount;

    /// <summary>The delimiter, detected from the header line; '\0' until that line has been read.</summary>
    public char Delimiter { get; private set; }

    /// <inheritdoc />
    public async ValueTask<RawRow?> ReadRowAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await NextLineAsync(cancellationToken).ConfigureAwait(false) is not { } line)
            {
                return null;
            }

            // Spreadsheet programs show every record, empty ones too, as one row.
            var rowNumber = ++_rowNumber;
            if (line.IsTooLong)
            {
                return RawRow.Failed(rowNumber, $"The row is longer than {MaxRecordLength} characters.");
            }

            if (Delimiter == '\0')
            {
                if (string.IsNullOrWhiteSpace(line.Text))
                {
                    continue;
                }

                Delimiter = DetectDelimiter(line.Text);
            }

            _pending.Clear();
            _pending.Add(line.Text);
            if (await ReadRecordAsync(rowNumber, cancellationToken).ConfigureAwait(false) is { } row)
            {
                return row;
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => text.Dispose();

    /// <summary>
    /// The candidate (comma, semicolon, tab) that occurs most often outside quotes in the header line; comma
    /// when none does, which leaves a one-column header.
    /// </summary>
    private static char DetectDelimiter(string headerLine)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        var quoted = false;
        foreach (var c in headerLine)
        {
            switch (c)
            {
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    commas++;
                    break;
                case ';' when !quoted:
                    semicolons++;
                    break;
                case '\t' when !quoted:
                    tabs++;
                    break;
            }
        }

        return tabs > commas && tabs > semicolons ? '\t' : semicolons > commas ? ';' : ',';
    }

    /// <summary>Parses the record that starts with the pending line; null when it is blank.</summary>
    private async ValueTask<RawRow?> ReadRecordAsync(int rowNumber, CancellationToken cancellationToken)
    {
        var length = _pending[0].Length;
        while (true)
        {
            var outcome = DelimitedRecordParser.Parse(_pending, Delimiter, _fields, _scratch, out var problem);
            if (outcome == DelimitedRecordParser.Outcome.Complete)
            {
                if (_fields.TrueForAll(string.IsNullOrWhiteSpace))
                {
                    return null;
                }

                if (_headerCellCount == 0)
                {
                    _headerCellCount = _fields.Count;
                }

                if (_fields.Count == _headerCellCount)
                {
                    return new RawRow(rowNumber, [.. _fields], Error: null);
                }

                if (_pending.Count == 1)
                {
                    return RawRow.Failed(
                        rowNumber, $"The row has {_fields.Count} values but the header has {_headerCellCount} columns.");
                }
            }
            else if (outcome == DelimitedRecordParser.Outcome.NeedsMoreLines)
            {
                var next = _pending.Count < MaxLinesPerRecord
                    ? await NextLineAsync(cancellationToken).ConfigureAwait(false)
                    : null;
                if (next is { IsTooLong: false } more && length + more.Text.Length <= MaxRecordLength)
                {
                    _pending.Add(more.Text);
                    length += more.Text.Length;
                    continue;
                }

                if (next is { } notTaken)
                {
                    _replay.Push(notTaken);
                }

                problem = UnclosedQuote;
            }

            if (_pending.Count > 1)
            {
                // Whatever went wrong further down, the quote that joined these lines was the stray one.
                problem = UnclosedQuote;
            }

            // Give back every line but the first: they are read again as rows of their own.
            for (var k = _pending.Count - 1; k >= 1; k--)
            {
                _replay.Push(new TextLine(_pending[k], IsTooLong: false));
            }

            return RawRow.Failed(rowNumber, $"The row could not be read: {problem}.");
        }
    }

    private ValueTask<TextLine?> NextLineAsync(CancellationToken cancellationToken) =>
        _replay.TryPop(out var line) ? ValueTask.FromResult<TextLine?>(line) : _lines.ReadLineAsync(cancellationToken);
}
