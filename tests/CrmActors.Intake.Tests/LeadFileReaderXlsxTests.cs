using System.IO.Compression;
using DocumentFormat.OpenXml.Spreadsheet;
using static CrmActors.Intake.Tests.Workbooks;

namespace CrmActors.Intake.Tests;

public sealed class LeadFileReaderXlsxTests
{
    private static readonly string[] SharedStrings = ["姓名", "手机号", "备注", "张三", "first", "13700000000", "second"];

    private static byte[] MixedWorkbook() => Create(
        SharedStrings,
        [
            SheetRow(1, Shared("A1", 0), Shared("B1", 1), Inline("C1", "渠道"), Shared("D1", 2)),
            SheetRow(2, Shared("A2", 3), Number("B2", "13912345678"), Inline("C2", "官网"), Shared("D2", 4)),

            // C3 is absent: D3 must still land in the note column.
            SheetRow(3, Inline("A3", "李四"), Number("B3", "1.3912345679E10"), Shared("D3", 6)),

            // Row 4 is not stored at all (empty in Excel); row 5's cells carry no reference.
            SheetRow(5, Inline(null, "王五"), Shared(null, 5), Inline(null, "抖音")),
        ]);

    [Fact]
    public async Task ReadRowsAsync_SharedInlineNumericAndSkippedCells_ReadAsExcelShowsThem()
    {
        var (reader, rows) = await LeadFiles.ReadAsync(MixedWorkbook(), "leads.xlsx");

        Assert.Equal(LeadFileFormat.Xlsx, reader.Format);
        Assert.Null(reader.Encoding);
        Assert.Null(reader.Delimiter);
        Assert.Equal("渠道", reader.MappedHeaders[LeadField.Channel]);
        Assert.Equal(
            [
                new ImportRow { RowNumber = 2, Name = "张三", Phone = "13912345678", Channel = "官网", Note = "first" },
                new ImportRow { RowNumber = 3, Name = "李四", Phone = "13912345679", Note = "second" },
                new ImportRow { RowNumber = 5, Name = "王五", Phone = "13700000000", Channel = "抖音" },
            ],
            rows);
    }

    [Fact]
    public async Task OpenAsync_SeekableWorkbookStream_ReadInPlace()
    {
        using var reader = await LeadFileReader.OpenAsync(new MemoryStream(MixedWorkbook()));

        var rows = await LeadFiles.ReadAllAsync(reader);

        Assert.Equal([2, 3, 5], rows.Select(r => r.RowNumber));
    }

    [Theory]
    [InlineData("13912345678.0", "13912345678")]
    [InlineData("1.3912345678E+10", "13912345678")]
    [InlineData("0.5", "0.5")]
    [InlineData("42", "42")]
    public async Task ReadRowsAsync_NumberCell_ReadAsPlainDigits(string stored, string expected)
    {
        var workbook = Create(
            ["name", "phone"],
            [SheetRow(1, Shared("A1", 0), Shared("B1", 1)), SheetRow(2, Inline("A2", "A"), Number("B2", stored))]);

        var (_, rows) = await LeadFiles.ReadAsync(workbook);

        Assert.Equal(expected, Assert.Single(rows).Phone);
    }

    [Fact]
    public async Task ReadRowsAsync_BooleanErrorAndFormulaCells_ReadAsShown()
    {
        var workbook = Create(
            ["name", "phone", "note", "company"],
            [
                SheetRow(1, Shared("A1", 0), Shared("B1", 1), Shared("C1", 2), Shared("D1", 3)),
                SheetRow(2, Typed("A2", CellValues.String, "Alice"), Typed("B2", CellValues.Error, "#N/A"), Typed("C2", CellValues.Boolean, "1")),
            ]);

        var (_, rows) = await LeadFiles.ReadAsync(workbook);

        Assert.Equal(new ImportRow { RowNumber = 2, Name = "Alice", Phone = "#N/A", Note = "TRUE" }, Assert.Single(rows));
    }

    [Fact]
    public async Task ReadRowsAsync_MissingSharedString_OnlyThatRowFails()
    {
        var workbook = Create(
            ["name", "phone"],
            [
                SheetRow(1, Shared("A1", 0), Shared("B1", 1)),
                SheetRow(2, Inline("A2", "Alice"), Shared("B2", 99)),
                SheetRow(3, Inline("A3", "Bob"), Number("B3", "13812345678")),
            ]);

        var (_, rows) = await LeadFiles.ReadAsync(workbook);

        Assert.Contains("column B refers to a shared string", rows[0].Error, StringComparison.Ordinal);
        Assert.Equal(new ImportRow { RowNumber = 3, Name = "Bob", Phone = "13812345678" }, rows[1]);
    }

    [Fact]
    public async Task ReadRowsAsync_RowNumberRepeatedOrBackwards_NumberedOnwardsSoEachRowHasItsOwn()
    {
        var workbook = Create(
            ["name", "phone"],
            [
                SheetRow(1, Shared("A1", 0), Shared("B1", 1)),
                SheetRow(3, Inline("A3", "Ann"), Number("B3", "1")),
                SheetRow(3, Inline("A3", "Bob"), Number("B3", "2")),
                SheetRow(2, Inline("A2", "Cai"), Number("B2", "3")),
            ]);

        var (_, rows) = await LeadFiles.ReadAsync(workbook);

        Assert.Equal([(3, "Ann"), (4, "Bob"), (5, "Cai")], rows.Select(r => (r.RowNumber, r.Name)));
    }

    [Fact]
    public async Task OpenAsync_HeaderBelowEmptyRowsAndHiddenFirstSheet_UsesFirstVisibleSheet()
    {
        var workbook = Create(
            ["name", "phone"],
            firstSheetHidden: true,
            [SheetRow(1, Inline("A1", "hidden")), SheetRow(2, Inline("A2", "sheet"))],
            [SheetRow(3, Shared("B3", 0), Shared("C3", 1)), SheetRow(4), SheetRow(5, Inline("B5", "Alice"), Number("C5", "1"))]);

        var (reader, rows) = await LeadFiles.ReadAsync(workbook);

        Assert.Equal(3, reader.HeaderRowNumber);
        Assert.Equal(new ImportRow { RowNumber = 5, Name = "Alice", Phone = "1" }, Assert.Single(rows));
    }

    [Fact]
    public async Task OpenAsync_ZipThatIsNoWorkbook_RefusedAsUnreadable()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("hello.txt").Open());
            await entry.WriteAsync("hello");
        }

        var error = await LeadFiles.RefusedAsync(zip.ToArray(), "leads.xlsx");

        Assert.Equal(LeadFileProblem.Unreadable, error.Problem);
        Assert.Contains("not a readable .xlsx workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_WorkbookWithoutNameColumn_RefusedNamingName()
    {
        var workbook = Create(["手机号"], [SheetRow(1, Shared("A1", 0)), SheetRow(2, Number("A2", "13912345678"))]);

        var error = await LeadFiles.RefusedAsync(workbook);

        Assert.Equal(LeadFileProblem.MissingColumns, error.Problem);
        Assert.StartsWith("The header row has no name column", error.Message, StringComparison.Ordinal);
    }
}
