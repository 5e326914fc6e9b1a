using System.Runtime.CompilerServices;
using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// Reads a bulk lead-import file, streaming: an .xlsx workbook (first visible worksheet) or delimited text
/// (comma, semicolon or tab; UTF-8, UTF-16 with a byte order mark, or GB18030). <see cref="OpenAsync(Stream, string?, LeadFileOptions, CancellationToken)"/> tells the
/// format from the content, chooses the text encoding, reads the header row and maps its columns to
/// <see cref="LeadField"/>s, refusing the file with a <see cref="LeadFileException"/> when it cannot be used.
/// <see cref="ReadRowsAsync"/> then yields the data rows one by one; a row that cannot be read becomes an
/// <see cref="ImportRow"/> with an error, and reading goes on with the next one.
/// </summary>
/// <example>
/// <code>
/// using var reader = await LeadFileReader.OpenAsync(upload, "leads.csv", ct);
/// await foreach (var row in reader.ReadRowsAsync(ct)) { ... }
/// </code>
/// </example>
public sealed class LeadFileReader : IDisposable
{
    /// <summary>How many bytes at the start of the file are inspected to tell its format and text encoding.</summary>
    public const int SniffLength = 64 * 1024;

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CompoundFileMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    private readonly IRowSource _source;
    private readonly ColumnMap _columns;
    private int _rowsRequested;

    private LeadFileReader(IRowSource source, ColumnMap columns, LeadFileFormat format, Encoding? encoding, char? delimiter, int headerRowNumber)
    {
        _source = source;
        _columns = columns;
        Format = format;
        Encoding = encoding;
        Delimiter = delimiter;
        HeaderRowNumber = headerRowNumber;
    }

    /// <summary>The format detected from the file's content (its name is not trusted for that).</summary>
    public LeadFileFormat Format { get; }

    /// <summary>The text encoding of delimited text; null for a workbook.</summary>
    public Encoding? Encoding { get; }

    /// <summary>The delimiter of delimited text, detected from the header line; null for a workbook.</summary>
    public char? Delimiter { get; }

    /// <summary>The row number of the header: 1 unless empty rows precede it.</summary>
    public int HeaderRowNumber { get; }

    /// <summary>For each lead field the file has a column for, that column's header as written in the file.</summary>
    public IReadOnlyDictionary<LeadField, string> MappedHeaders => _columns.MappedHeaders;

    /// <summary>
    /// The headers that were not used: those that name no lead field, and further columns for a field that an
    /// earlier column already fills. Not an error; worth showing to the uploader.
    /// </summary>
    public IReadOnlyList<string> IgnoredHeaders => _columns.IgnoredHeaders;

    /// <summary>
    /// Opens a lead file and reads up to its header row. Only the first <see cref="SniffLength"/> bytes are read
    /// to tell the format and encoding; a non-seekable stream works (an .xlsx from one is first copied to a
    /// temporary file, since a zip archive must be read from its end). The stream stays the caller's: it is not
    /// disposed. <paramref name="fileName"/> is used only in messages and to refuse a file named .xlsx whose
    /// content is not a workbook.
    /// </summary>
    /// <exception cref="LeadFileException">The file cannot be used; the message says why and what to do.</exception>
    public static Task<LeadFileReader> OpenAsync(Stream stream, string? fileName = null, CancellationToken cancellationToken = default) =>
        OpenAsync(stream, fileName, LeadFileOptions.Default, cancellationToken);

    /// <summary>Opens a lead file as <see cref="OpenAsync(Stream, string?, CancellationToken)"/> does, with the given limits.</summary>
    /// <exception cref="LeadFileException">The file cannot be used; the message says why and what to do.</exception>
    public static async Task<LeadFileReader> OpenAsync(Stream stream, string? fileName, LeadFileOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream must be readable.", nameof(stream));
        }

        var start = stream.CanSeek ? stream.Position : -1;
        var buffer = new byte[SniffLength];
        var length = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken)
            .ConfigureAwait(false);
        var prefix = buffer.AsMemory(0, length);
        if (length == 0)
        {
            throw new LeadFileException(LeadFileProblem.Empty, $"{Describe(fileName)} is empty.");
        }

        if (prefix.Span.StartsWith(CompoundFileMagic))
        {
            throw new LeadFileException(
                LeadFileProblem.UnsupportedFormat,
                $"{Describe(fileName)} is an old binary Excel workbook (.xls), which cannot be read. " +
                "Open it in Excel and save it as .xlsx or CSV, then upload that file.");
        }

        IRowSource source;
        LeadFileFormat format;
        Encoding? encoding = null;
        if (prefix.Span.StartsWith(ZipMagic))
        {
            format = LeadFileFormat.Xlsx;
            source = await OpenWorkbookAsync(stream, start, prefix, options, fileName, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            if (Path.GetExtension(fileName) is { } extension
                && (extension.Equals(".xlsx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".xlsm", StringComparison.OrdinalIgnoreCase)))
            {
                throw new LeadFileException(
                    LeadFileProblem.Unreadable,
                    $"{Describe(fileName)} is named like an Excel workbook but is not one (it may be damaged). " +
                    "Open it in Excel and save it as .xlsx or CSV again.");
            }

            format = LeadFileFormat.DelimitedText;
            (encoding, var bomLength) = TextEncodingDetector.Detect(prefix.Span, isWholeFile: length < buffer.Length);
            var text = new StreamReader(
                new PrefixedStream(prefix[bomLength..], stream),
                encoding,
                detectEncodingFromByteOrderMarks: false,
                bufferSize: 16 * 1024,
                leaveOpen: false);
            source = new DelimitedTextSource(text);
        }

        try
        {
            var header = await source.ReadRowAsync(cancellationToken).ConfigureAwait(false)
                ?? throw new LeadFileException(LeadFileProblem.Empty, $"{Describe(fileName)} has no header row.");
            if (header.Error is not null)
            {
                throw new LeadFileException(
                    LeadFileProblem.Unreadable,
                    $"The header row (row {header.RowNumber}) could not be read: {header.Error}");
            }

            var columns = ColumnMap.FromHeader(header.Cells);
            var delimiter = source is DelimitedTextSource delimited ? delimited.Delimiter : (char?)null;
            return new LeadFileReader(source, columns, format, encoding, delimiter, header.RowNumber);
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the data rows after the header, one at a time; rows whose cells are all blank are skipped. Can be
    /// enumerated once.
    /// </summary>
    public async IAsyncEnumerable<ImportRow> ReadRowsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _rowsRequested, 1) == 1)
        {
            throw new InvalidOperationException("The rows of a lead file can be read only once.");
        }

        while (await _source.ReadRowAsync(cancellationToken).ConfigureAwait(false) is { } raw)
        {
            if (raw.Error is not null)
            {
                yield return new ImportRow { RowNumber = raw.RowNumber, Error = raw.Error };
            }
            else if (Encoding is not null && _columns.HasUndecodableText(raw.Cells))
            {
                // Past the inspected prefix the bytes were never checked: a bad one decodes to U+FFFD.
                yield return new ImportRow
                {
                    RowNumber = raw.RowNumber,
                    Error = $"The row contains bytes that are not valid {Encoding.WebName} text.",
                };
            }
            else
            {
                yield return _columns.ToRow(raw.RowNumber, raw.Cells);
            }
        }
    }

    /// <summary>Releases the file's reader and any temporary copy; the stream passed in is left open.</summary>
    public void Dispose() => _source.Dispose();

    private static string Describe(string? fileName) =>
        string.IsNullOrWhiteSpace(fileName) ? "The file" : $"\"{Path.GetFileName(fileName)}\"";

    private static async Task<IRowSource> OpenWorkbookAsync(
        Stream stream, long start, ReadOnlyMemory<byte> prefix, LeadFileOptions options, string? fileName, CancellationToken cancellationToken)
    {
        if (start == 0)
        {
            stream.Position = 0;
            return XlsxSource.Open(stream, ownsStream: false, options, fileName);
        }

        // A zip archive is read from its central directory at the end: a forward-only stream is first copied to
        // a temporary file (deleted when closed), never into memory.
        var copy = new FileStream(
            Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await copy.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            copy.Position = 0;
            return XlsxSource.Open(copy, ownsStream: true, options, fileName);
        }
        catch
        {
            await copy.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
