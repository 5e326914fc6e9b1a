using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CrmActors.Intake.Tests;

/// <summary>Builds .xlsx workbooks in memory with the Open XML SDK, cell by cell, the way Excel stores them.</summary>
public static class Workbooks
{
    /// <summary>A workbook whose sheets are given as their rows; the first sheet may be hidden.</summary>
    public static byte[] Create(IReadOnlyList<string> sharedStrings, params Row[][] sheets) =>
        Create(sharedStrings, firstSheetHidden: false, sheets);

    public static byte[] Create(IReadOnlyList<string> sharedStrings, bool firstSheetHidden, params Row[][] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var sheetList = new Sheets();
            workbookPart.Workbook = new Workbook(sheetList);
            for (var i = 0; i < sheets.Length; i++)
            {
                var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
                worksheetPart.Worksheet = new Worksheet(new SheetData(sheets[i]));
                sheetList.Append(new Sheet
                {
                    Id = workbookPart.GetIdOfPart(worksheetPart),
                    SheetId = (uint)(i + 1),
                    Name = $"Sheet{i + 1}",
                    State = i == 0 && firstSheetHidden ? SheetStateValues.Hidden : null,
                });
            }

            var table = workbookPart.AddNewPart<SharedStringTablePart>();
            table.SharedStringTable = new SharedStringTable(sharedStrings.Select(s => new SharedStringItem(new Text(s))));
        }

        return stream.ToArray();
    }

    public static Row SheetRow(uint? number, params Cell[] cells)
    {
        var row = new Row(cells);
        if (number is { } r)
        {
            row.RowIndex = r;
        }

        return row;
    }

    /// <summary>A cell holding shared string <paramref name="index"/>.</summary>
    public static Cell Shared(string? reference, int index) => new()
    {
        CellReference = reference,
        DataType = CellValues.SharedString,
        CellValue = new CellValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    };

    public static Cell Inline(string? reference, string text) => new(new InlineString(new Text(text)))
    {
        CellReference = reference,
        DataType = CellValues.InlineString,
    };

    /// <summary>A number cell, its value written as the file stores it (e.g. "1.3912345678E10").</summary>
    public static Cell Number(string? reference, string stored) => new()
    {
        CellReference = reference,
        CellValue = new CellValue(stored),
    };

    public static Cell Typed(string? reference, CellValues type, string stored) => new()
    {
        CellReference = reference,
        DataType = type,
        CellValue = new CellValue(stored),
    };
}
