using static CrmActors.Intake.Tests.Workbooks;

namespace CrmActors.Intake.Tests;

public sealed class LeadFileReaderStreamingTests
{
    private const int LargeRowCount = 100_000;

    [Fact]
    public async Task ReadRowsAsync_HundredThousandRowsFromForwardOnlyStream_AllRead()
    {
        using var upload = new GeneratedCsvStream(LargeRowCount);
        using var reader = await LeadFileReader.OpenAsync(upload, "big.csv");

        var count = 0;
        var errors = 0;
        ImportRow? last = null;
        await foreach (var row in reader.ReadRowsAsync())
        {
            count++;
            errors += row.HasError ? 1 : 0;
            last = row;
        }

        Assert.Equal(LargeRowCount, count);
        Assert.Equal(0, errors);
        Assert.Equal(
            new ImportRow
            {
                RowNumber = LargeRowCount + 1, Name = $"客户{LargeRowCount}", Phone = $"139{LargeRowCount:D8}",
                Channel = "官网", Note = $"note {LargeRowCount}, with a comma",
            },
            last);
    }

    [Fact]
    public async Task ReadRowsAsync_FirstRowOfLargeFile_ReadsOnlyABoundedPrefix()
    {
        using var upload = new GeneratedCsvStream(LargeRowCount);
        using var reader = await LeadFileReader.OpenAsync(upload);

        await using var rows = reader.ReadRowsAsync().GetAsyncEnumerator();
        Assert.True(await rows.MoveNextAsync());

        // The sniffed prefix plus one read buffer: the ~6 MB file is pulled row by row, not loaded.
        Assert.Equal(2, rows.Current.RowNumber);
        Assert.InRange(upload.BytesRead, 1, LeadFileReader.SniffLength + (64 * 1024));
    }

    [Fact]
    public async Task OpenAsync_WorkbookFromForwardOnlyStream_Read()
    {
        var workbook = Create(
            ["name", "phone"],
            [SheetRow(1, Shared("A1", 0), Shared("B1", 1)), SheetRow(2, Inline("A2", "Alice"), Number("B2", "13912345678"))]);

        var (reader, rows) = await LeadFiles.ReadAsync(workbook);

        Assert.Equal(LeadFileFormat.Xlsx, reader.Format);
        Assert.Equal(new ImportRow { RowNumber = 2, Name = "Alice", Phone = "13912345678" }, Assert.Single(rows));
    }
}
