namespace CrmActors.Intake.Tests;

public sealed class LeadFileReaderDelimitedTests
{
    [Theory]
    [InlineData(',')]
    [InlineData(';')]
    [InlineData('\t')]
    public async Task OpenAsync_Delimiter_DetectedFromHeaderLine(char delimiter)
    {
        var text = string.Join('\n', "name,phone,note", "Alice,13912345678,\"Paris; 5th, 2nd floor\"", "")
            .Replace(",", delimiter.ToString(), StringComparison.Ordinal);

        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal(delimiter, reader.Delimiter);
        var row = Assert.Single(rows);
        Assert.Equal("Alice", row.Name);
        Assert.Equal("13912345678", row.Phone);
        Assert.Equal("Paris; 5th, 2nd floor".Replace(",", delimiter.ToString(), StringComparison.Ordinal), row.Note);
    }

    [Fact]
    public async Task ReadRowsAsync_QuotedFieldsWithDelimitersQuotesAndLineBreaks_ReadWhole()
    {
        var text =
            "name,phone,note,company\r\n" +
            "\"Li, Wei\",13912345678,\"Called twice.\r\nSays \"\"call back Monday\"\".\",\"Acme, Inc.\"\r\n" +
            "Bob,13812345678,plain,Initech\r\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal(
            [
                new ImportRow
                {
                    RowNumber = 2, Name = "Li, Wei", Phone = "13912345678",
                    Note = "Called twice.\nSays \"call back Monday\".", Company = "Acme, Inc.",
                },
                new ImportRow { RowNumber = 3, Name = "Bob", Phone = "13812345678", Note = "plain", Company = "Initech" },
            ],
            rows);
    }

    [Fact]
    public async Task ReadRowsAsync_UnclosedQuote_OnlyThatRowFails()
    {
        var text =
            "name,phone,note\n" +
            "Alice,13912345678,first\n" +
            "\"Bob,13812345678,broken\n" +
            "Carol,13712345678,\"third, quoted\"\n" +
            "Dave,13612345678,fourth\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal([2, 3, 4, 5], rows.Select(r => r.RowNumber));
        Assert.Equal(new ImportRow { RowNumber = 2, Name = "Alice", Phone = "13912345678", Note = "first" }, rows[0]);
        Assert.Contains("quoted value in it is not closed", rows[1].Error, StringComparison.Ordinal);
        Assert.Null(rows[1].Name);
        Assert.Equal(new ImportRow { RowNumber = 4, Name = "Carol", Phone = "13712345678", Note = "third, quoted" }, rows[2]);
        Assert.Equal(new ImportRow { RowNumber = 5, Name = "Dave", Phone = "13612345678", Note = "fourth" }, rows[3]);
    }

    [Fact]
    public async Task ReadRowsAsync_UnclosedQuoteInLastRow_FailsThatRowOnly()
    {
        var text = "name,phone\nAlice,13912345678\nBob,\"13812345678\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal("Alice", rows[0].Name);
        Assert.Equal(3, rows[1].RowNumber);
        Assert.True(rows[1].HasError);
        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public async Task ReadRowsAsync_TextAfterClosingQuote_OnlyThatRowFails()
    {
        var text = "name,phone\nAlice,13912345678\n\"Bob\" Smith,13812345678\nCarol,13712345678\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal("Alice", rows[0].Name);
        Assert.Contains("text after the closing quote", rows[1].Error, StringComparison.Ordinal);
        Assert.Equal(new ImportRow { RowNumber = 4, Name = "Carol", Phone = "13712345678" }, rows[2]);
    }

    [Fact]
    public async Task ReadRowsAsync_WrongValueCount_OnlyThatRowFails()
    {
        var text = "name,phone,channel\nAlice,13912345678,web\nBob,13812345678,web,extra\nCarol,13712345678\nDave,13612345678,\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal("Alice", rows[0].Name);
        Assert.Equal("The row has 4 values but the header has 3 columns.", rows[1].Error);
        Assert.Equal("The row has 2 values but the header has 3 columns.", rows[2].Error);
        Assert.Equal(new ImportRow { RowNumber = 5, Name = "Dave", Phone = "13612345678" }, rows[3]);
    }

    [Fact]
    public async Task ReadRowsAsync_StrayQuoteInsideUnquotedValue_KeptAsText()
    {
        var text = "name,phone,note\nAlice,13912345678,5'11\" tall\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal("5'11\" tall", Assert.Single(rows).Note);
    }

    [Fact]
    public async Task ReadRowsAsync_EmptyLinesAndRows_SkippedButCounted()
    {
        var text = "\nname,phone,note\n\nAlice,13912345678,a\n , ,\n,,\r\n\r\nBob,13812345678,b\n\n";

        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal(2, reader.HeaderRowNumber);
        Assert.Equal(
            [
                new ImportRow { RowNumber = 4, Name = "Alice", Phone = "13912345678", Note = "a" },
                new ImportRow { RowNumber = 8, Name = "Bob", Phone = "13812345678", Note = "b" },
            ],
            rows);
    }

    [Fact]
    public async Task ReadRowsAsync_MultiLineRecord_CountsAsOneRow()
    {
        var text = "name,phone,note\nAlice,13912345678,\"line 1\nline 2\nline 3\"\nBob,13812345678,b\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal([2, 3], rows.Select(r => r.RowNumber));
        Assert.Equal("line 1\nline 2\nline 3", rows[0].Note);
    }

    [Fact]
    public async Task ReadRowsAsync_PaddedAndBlankValues_TrimmedOrNull()
    {
        var text = "name,phone,email,company\n  Alice  , 13912345678 ,\"  \",\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal(new ImportRow { RowNumber = 2, Name = "Alice", Phone = "13912345678" }, Assert.Single(rows));
    }

    [Fact]
    public async Task OpenAsync_BinaryXlsMagic_RefusedAskingForXlsxOrCsv()
    {
        byte[] bytes = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[504]];

        var error = await LeadFiles.RefusedAsync(bytes, "leads.xls");

        Assert.Equal(LeadFileProblem.UnsupportedFormat, error.Problem);
        Assert.Contains("\"leads.xls\" is an old binary Excel workbook (.xls)", error.Message, StringComparison.Ordinal);
        Assert.Contains("save it as .xlsx or CSV", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_TabSeparatedTextNamedXls_ReadAsText()
    {
        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text("姓名\t电话\n张三\t13912345678\n"), "export.xls");

        Assert.Equal(LeadFileFormat.DelimitedText, reader.Format);
        Assert.Equal("张三", Assert.Single(rows).Name);
    }

    [Fact]
    public async Task OpenAsync_HtmlSavedAsXls_Refused()
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text("<html><table><tr><td>姓名</td></tr></table></html>"), "export.xls");

        Assert.Equal(LeadFileProblem.UnsupportedFormat, error.Problem);
    }

    [Fact]
    public async Task OpenAsync_TextNamedXlsx_RefusedAsNotAWorkbook()
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text("name,phone\nAlice,1\n"), "leads.xlsx");

        Assert.Equal(LeadFileProblem.Unreadable, error.Problem);
        Assert.Contains("\"leads.xlsx\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public async Task OpenAsync_NoHeaderRow_RefusedAsEmpty(string text)
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text(text));

        Assert.Equal(LeadFileProblem.Empty, error.Problem);
    }

    [Fact]
    public async Task OpenAsync_BrokenHeaderQuote_RefusedAsUnreadable()
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text("\"name\"x,phone\nAlice,1\n"));

        Assert.Equal(LeadFileProblem.Unreadable, error.Problem);
        Assert.Contains("header row (row 1)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadRowsAsync_SecondEnumeration_Throws()
    {
        using var reader = await LeadFiles.OpenAsync(LeadFiles.Text("name,phone\nAlice,1\n"));
        await LeadFiles.ReadAllAsync(reader);

        await Assert.ThrowsAsync<InvalidOperationException>(() => LeadFiles.ReadAllAsync(reader));
    }

    [Fact]
    public async Task Dispose_SeekableStream_LeftOpenForCaller()
    {
        var stream = new MemoryStream(LeadFiles.Text("name,phone\nAlice,1\n"));

        using (var reader = await LeadFileReader.OpenAsync(stream))
        {
            await LeadFiles.ReadAllAsync(reader);
        }

        Assert.True(stream.CanRead);
    }
}
