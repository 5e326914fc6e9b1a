using Xunit.Abstractions;
using static CrmActors.Intake.Tests.Workbooks;

namespace CrmActors.Intake.Tests;

/// <summary>
/// Workbooks with large shared string tables: read correctly, with memory that does not grow with the table, and
/// refused with a clear message past the limits. Runs alone (see <see cref="MemoryMeasurementCollection"/>): the
/// retained-heap measurement must not see other tests' allocations.
/// </summary>
[Collection(MemoryMeasurementCollection.Name)]
public sealed class LeadFileReaderSharedStringTests(ITestOutputHelper output)
{
    private const int Rows = 200_000;

    // The retained heap that reading the large workbook may cost: its 200,003 strings alone take about 27 MB as
    // .NET strings (the measurement with everything in memory, below, shows it).
    private const long FlatBytes = 4L << 20;

    private static readonly Lazy<byte[]> Large = new(() => LargeWorkbook.Create(Rows));

    [Fact]
    public async Task ReadRowsAsync_200kUniqueSharedStrings_EveryRowReadAndRetainedMemoryFlat()
    {
        var workbook = Large.Value;
        var before = GC.GetTotalMemory(forceFullCollection: true);

        using var reader = await LeadFileReader.OpenAsync(new MemoryStream(workbook), "big.xlsx");
        var afterOpen = GC.GetTotalMemory(forceFullCollection: true);
        var count = 0;
        var mismatches = new List<int>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            count++;
            var note = LargeWorkbook.NoteIndex(row.RowNumber, Rows) is { } n ? LargeWorkbook.Text(n) : null;
            if (row.Name != LargeWorkbook.Text(LargeWorkbook.NameIndex(row.RowNumber)) || row.Phone != LargeWorkbook.Phone(row.RowNumber) || row.Note != note)
            {
                mismatches.Add(row.RowNumber);
            }
        }

        var afterRead = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(reader);
        output.WriteLine($"retained: {afterOpen - before:N0} bytes after open, {afterRead - before:N0} after reading every row");

        Assert.Equal(Rows, count);
        Assert.Empty(mismatches);
        Assert.InRange(afterOpen - before, long.MinValue, FlatBytes);
        Assert.InRange(afterRead - before, long.MinValue, FlatBytes);
    }

    [Fact]
    public async Task OpenAsync_200kUniqueSharedStringsAllInMemory_RetainsTheTable()
    {
        // The measurement above can fail: with the spill switched off, the same table is retained in full.
        var workbook = Large.Value;
        var before = GC.GetTotalMemory(forceFullCollection: true);

        using var reader = await LeadFileReader.OpenAsync(
            new MemoryStream(workbook), "big.xlsx", new LeadFileOptions { SharedStringsInMemoryBytes = long.MaxValue });
        var afterOpen = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(reader);
        output.WriteLine($"retained with every string in memory: {afterOpen - before:N0} bytes");

        Assert.InRange(afterOpen - before, 5 * FlatBytes, long.MaxValue);
    }

    [Fact]
    public async Task ReadRowsAsync_SharedStringsSpilledFromTheFirst_ReadAsInMemory()
    {
        var workbook = Create(
            ["name", "phone", "note", "张三", "first", "13700000000"],
            [
                SheetRow(1, Shared("A1", 0), Shared("B1", 1), Shared("C1", 2)),
                SheetRow(2, Shared("A2", 3), Shared("B2", 5), Shared("C2", 4)),
                SheetRow(3, Inline("A3", "李四"), Number("B3", "13912345679"), Shared("C3", 6)),
            ]);
        var spilled = new LeadFileOptions { SharedStringsInMemoryBytes = 0 };

        using var reader = await LeadFileReader.OpenAsync(new MemoryStream(workbook), "small.xlsx", spilled);
        var rows = await LeadFiles.ReadAllAsync(reader);

        Assert.Equal(new ImportRow { RowNumber = 2, Name = "张三", Phone = "13700000000", Note = "first" }, rows[0]);
        Assert.Equal(3, rows[1].RowNumber);
        Assert.Contains("column C refers to a shared string", rows[1].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1L << 20, int.MaxValue, "1 MB of text")]
    [InlineData(long.MaxValue, 10_000, "10,000 strings")]
    public async Task OpenAsync_SharedStringsPastTheLimit_RefusedAsTooLargeSayingTheLimit(long maxBytes, int maxStrings, string limit)
    {
        var options = new LeadFileOptions { MaxSharedStringBytes = maxBytes, MaxSharedStrings = maxStrings };

        var error = await Assert.ThrowsAsync<LeadFileException>(() => LeadFileReader.OpenAsync(new MemoryStream(LargeWorkbook.Create(30_000)), "big.xlsx", options));

        Assert.Equal(LeadFileProblem.TooLarge, error.Problem);
        Assert.Contains(limit, error.Message, StringComparison.Ordinal);
        Assert.Contains("\"big.xlsx\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_SharedStringsAtTheLimit_Accepted()
    {
        var options = new LeadFileOptions { MaxSharedStrings = 30_003 };

        using var reader = await LeadFileReader.OpenAsync(new MemoryStream(LargeWorkbook.Create(30_000)), "big.xlsx", options);

        Assert.Equal(30_000, (await LeadFiles.ReadAllAsync(reader)).Count);
    }
}

/// <summary>Tests that measure the process's heap run in this collection, never beside another test.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
    public const string Name = "memory measurement";
}
