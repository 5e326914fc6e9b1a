using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CrmActors.Intake.Tests;

/// <summary>
/// Writes a workbook too large to build as a document tree: its shared string table and sheet are streamed
/// part by part with <see cref="OpenXmlWriter"/>. Row 1 is the header (name, phone, note); data row n (from 2)
/// names the customer with shared string <see cref="NameIndex"/> and carries <see cref="NoteIndex"/> as its note.
/// </summary>
public static class LargeWorkbook
{
    /// <summary>Shared strings 0 to 2 are the headers.</summary>
    public const int HeaderStrings = 3;

    /// <summary>The unique text of shared string <paramref name="index"/> (a header below <see cref="HeaderStrings"/>).</summary>
    public static string Text(int index) => index switch
    {
        0 => "name",
        1 => "phone",
        2 => "note",
        _ => $"客户 {index:D7} of a large shared string table, unique text",
    };

    /// <summary>The shared string naming the customer of data row <paramref name="row"/>: each row its own, in order of use.</summary>
    public static int NameIndex(int row) => HeaderStrings + row - 2;

    /// <summary>The note of every 97th row points far away in the table (a lookup the recent blocks cannot serve); others have none.</summary>
    public static int? NoteIndex(int row, int rows) => row % 97 == 0 ? HeaderStrings + (int)((row * 7919L) % rows) : null;

    /// <summary>The phone of data row <paramref name="row"/>, stored as a number.</summary>
    public static string Phone(int row) => $"139{row:D8}";

    /// <summary>A workbook of <paramref name="rows"/> data rows and <paramref name="rows"/> + 3 unique shared strings.</summary>
    public static byte[] Create(int rows)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var table = workbookPart.AddNewPart<SharedStringTablePart>();
            using (var writer = OpenXmlWriter.Create(table))
            {
                writer.WriteStartElement(new SharedStringTable());
                for (var i = 0; i < HeaderStrings + rows; i++)
                {
                    writer.WriteElement(new SharedStringItem(new Text(Text(i))));
                }

                writer.WriteEndElement();
            }

            var worksheetPart = workbookPart.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(worksheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                writer.WriteElement(Workbooks.SheetRow(1, Workbooks.Shared("A1", 0), Workbooks.Shared("B1", 1), Workbooks.Shared("C1", 2)));
                for (var row = 2; row < rows + 2; row++)
                {
                    var cells = new List<Cell> { Workbooks.Shared($"A{row}", NameIndex(row)), Workbooks.Number($"B{row}", Phone(row)) };
                    if (NoteIndex(row, rows) is { } note)
                    {
                        cells.Add(Workbooks.Shared($"C{row}", note));
                    }

                    writer.WriteElement(Workbooks.SheetRow((uint)row, [.. cells]));
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(worksheetPart), SheetId = 1, Name = "Leads" }));
        }

        return stream.ToArray();
    }
}
