using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CrmActors.Intake;

/// <summary>
/// Reads the first visible worksheet of an .xlsx workbook with the SAX-style <see cref="OpenXmlReader"/>, one
/// row at a time: the sheet is never loaded as a <see cref="Worksheet"/> object. The shared string table is read
/// once at open into a <see cref="SharedStringTable"/>, which moves a large one to a temporary file. Cells are placed by the column letters of their reference, so skipped (absent) cells leave
/// their column empty instead of shifting the rest of the row.
/// </summary>
internal sealed class XlsxSource : IRowSource
{
    // Excel's own limit (column XFD); a reference past it is damaged.
    private const int MaxColumns = 16_384;

    private readonly SpreadsheetDocument _document;
    private readonly Stream? _ownedStream;
    private readonly OpenXmlReader _reader;
    private readonly SharedStringTable _sharedStrings;
    private readonly StringBuilder _text = new();
    private int _lastRowNumber;

    private XlsxSource(SpreadsheetDocument document, Stream? ownedStream, OpenXmlReader reader, SharedStringTable sharedStrings)
    {
        _document = document;
        _ownedStream = ownedStream;
        _reader = reader;
        _sharedStrings = sharedStrings;
    }

    /// <summary>
    /// Opens the workbook in <paramref name="stream"/> (seekable, positioned at its start). The stream is disposed
    /// with the source when <paramref name="ownsStream"/>, and left open otherwise.
    /// </summary>
    public static XlsxSource Open(Stream stream, bool ownsStream, LeadFileOptions options, string? fileName)
    {
        SpreadsheetDocument? document = null;
        var sharedStrings = new SharedStringTable(options, fileName);
        try
        {
            document = SpreadsheetDocument.Open(stream, isEditable: false);
            var workbookPart = document.WorkbookPart ?? throw NotAWorkbook(null);
            var worksheet = FirstVisibleWorksheet(workbookPart)
                ?? throw new LeadFileException(LeadFileProblem.Empty, "The workbook has no worksheet.");
            if (workbookPart.SharedStringTablePart is { } table)
            {
                ReadSharedStrings(table, sharedStrings);
            }

            sharedStrings.Complete();
            var reader = OpenXmlReader.Create(worksheet);
            return new XlsxSource(document, ownsStream ? stream : null, reader, sharedStrings);
        }
        catch (Exception e) when (IsDamage(e))
        {
            sharedStrings.Dispose();
            document?.Dispose();
            throw NotAWorkbook(e);
        }
        catch
        {
            sharedStrings.Dispose();
            document?.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<RawRow?> ReadRowAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            while (_reader.Read())
            {
                if (_reader.ElementType == typeof(Row) && _reader.IsStartElement && ReadRow() is { } row)
                {
                    return ValueTask.FromResult<RawRow?>(row);
                }
            }

            return ValueTask.FromResult<RawRow?>(null);
        }
        catch (Exception e) when (IsDamage(e))
        {
            throw NotAWorkbook(e);
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _reader.Dispose();
        _sharedStrings.Dispose();
        _document.Dispose();
        _ownedStream?.Dispose();
    }

    private static bool IsDamage(Exception e) =>
        e is OpenXmlPackageException or InvalidDataException or FileFormatException or XmlException or IOException;

    private static LeadFileException NotAWorkbook(Exception? cause) => new(
        LeadFileProblem.Unreadable,
        "The file is not a readable .xlsx workbook (it may be damaged, or another kind of zip file). " +
        "Open it in Excel and save it as .xlsx or CSV again.",
        cause);

    private static WorksheetPart? FirstVisibleWorksheet(WorkbookPart workbookPart)
    {
        // workbook.xml is small: it lists the sheets, in tab order.
        var sheets = workbookPart.Workbook?.Sheets?.Elements<Sheet>() ?? [];
        foreach (var sheet in sheets)
        {
            var hidden = sheet.State?.Value is { } state && state != SheetStateValues.Visible;
            if (!hidden && sheet.Id?.Value is { } id && workbookPart.GetPartById(id) is WorksheetPart worksheet)
            {
                return worksheet;
            }
        }

        return null;
    }

    private static void ReadSharedStrings(SharedStringTablePart table, SharedStringTable strings)
    {
        var text = new StringBuilder();
        using var reader = OpenXmlReader.Create(table);
        var phonetic = false;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem))
            {
                if (reader.IsStartElement)
                {
                    text.Clear();
                }
                else
                {
                    strings.Add(text.ToString());
                }
            }
            else if (reader.ElementType == typeof(PhoneticRun))
            {
                phonetic = reader.IsStartElement;
            }
            else if (reader.ElementType == typeof(Text) && reader.IsStartElement && !phonetic)
            {
                text.Append(reader.GetText());
            }
        }
    }

    /// <summary>Reads the row the reader is on, up to its end tag; null when all its cells are blank.</summary>
    private RawRow? ReadRow()
    {
        // Rows are numbered as declared, but never backwards or twice: an import derives each row's lead key and
        // its resume point from the row number, so a damaged workbook repeating "r" must not reuse one.
        var rowNumber = _lastRowNumber + 1;
        if (Attribute("r") is { } r && int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var declared) && declared > _lastRowNumber)
        {
            rowNumber = declared;
        }

        _lastRowNumber = rowNumber;
        var cells = new List<string?>();
        string? type = null;
        string? value = null;
        var column = -1;
        var inlineString = false;
        var phonetic = false;
        string? error = null;
        while (_reader.Read())
        {
            var elementType = _reader.ElementType;
            if (elementType == typeof(Row) && _reader.IsEndElement)
            {
                break;
            }

            if (elementType == typeof(Cell))
            {
                if (_reader.IsStartElement)
                {
                    column = ColumnIndex(Attribute("r")) ?? column + 1;
                    type = Attribute("t");
                    value = null;
                    _text.Clear();
                }
                else if (column < MaxColumns)
                {
                    if (!TryResolve(type, value, out var resolved))
                    {
                        error ??= $"The cell in column {ColumnName(column)} refers to a shared string the workbook " +
                            "does not have; the workbook may be damaged.";
                    }
                    else if (!string.IsNullOrWhiteSpace(resolved))
                    {
                        while (cells.Count <= column)
                        {
                            cells.Add(null);
                        }

                        cells[column] = resolved;
                    }
                }
            }
            else if (elementType == typeof(CellValue) && _reader.IsStartElement)
            {
                value = _reader.GetText();
            }
            else if (elementType == typeof(InlineString))
            {
                inlineString = _reader.IsStartElement;
            }
            else if (elementType == typeof(PhoneticRun))
            {
                phonetic = _reader.IsStartElement;
            }
            else if (elementType == typeof(Text) && _reader.IsStartElement && inlineString && !phonetic)
            {
                _text.Append(_reader.GetText());
            }
        }

        if (error is not null)
        {
            return RawRow.Failed(rowNumber, error);
        }

        return cells.Count == 0 ? null : new RawRow(rowNumber, cells, Error: null);
    }

    /// <summary>The text a cell shows, as far as it can be known without its number format.</summary>
    private bool TryResolve(string? type, string? value, out string? text)
    {
        switch (type)
        {
            case "inlineStr":
                text = _text.ToString();
                return true;
            case "s" when value is null:
                text = null;
                return true;
            case "s":
                text = null;
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var index)
                    && _sharedStrings.TryGet(index, out text);
            case "b":
                text = value switch { "1" => "TRUE", "0" => "FALSE", _ => value };
                return true;
            case null or "n":
                text = FormatNumber(value);
                return true;
            default:
                // "str" (a formula's text), "e" (#N/A and the like, as Excel shows them), "d" (an ISO date).
                text = value;
                return true;
        }
    }

    /// <summary>
    /// Numbers without exponent or trailing zeros, so a phone number typed into a number cell, stored as
    /// 13912345678 or 1.3912345678E10, reads "13912345678" rather than "1.39E+10".
    /// </summary>
    private static string? FormatNumber(string? value) =>
        decimal.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? number.ToString("0.############################", CultureInfo.InvariantCulture)
            : value;

    /// <summary>The 0-based column of a cell reference such as "B7" or "AA12"; null when it has no letters.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        var letters = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c))
            {
                break;
            }

            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (++letters > 3)
            {
                return null;
            }
        }

        return letters == 0 ? null : column - 1;
    }

    private static string ColumnName(int column)
    {
        var name = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    private string? Attribute(string localName)
    {
        foreach (var attribute in _reader.Attributes)
        {
            if (attribute.LocalName == localName && string.IsNullOrEmpty(attribute.NamespaceUri))
            {
                return attribute.Value;
            }
        }

        return null;
    }
}
