using System.Text;

namespace CrmActors.Intake.Tests;

public sealed class LeadFileReaderEncodingTests
{
    private const string ChineseCsv = "姓名,手机号,渠道\n张三,13912345678,抖音广告\n李四,13812345678,官网\n";

    [Fact]
    public async Task OpenAsync_Utf8WithoutBom_ReadsChineseHeadersAndValues()
    {
        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(ChineseCsv, LeadFiles.Utf8));

        Assert.Equal(LeadFileFormat.DelimitedText, reader.Format);
        Assert.Equal("utf-8", reader.Encoding?.WebName);
        AssertChineseRows(rows);
    }

    [Fact]
    public async Task OpenAsync_Utf8WithBom_BomIsNotPartOfFirstHeader()
    {
        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(ChineseCsv, LeadFiles.Utf8WithBom));

        Assert.Equal("utf-8", reader.Encoding?.WebName);
        Assert.Equal("姓名", reader.MappedHeaders[LeadField.Name]);
        Assert.Empty(reader.IgnoredHeaders);
        AssertChineseRows(rows);
    }

    [Fact]
    public async Task OpenAsync_Gb18030ChineseExport_ReadsAsGb18030()
    {
        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(ChineseCsv, LeadFiles.Gb18030));

        Assert.Equal(54936, reader.Encoding?.CodePage);
        Assert.Equal("手机号", reader.MappedHeaders[LeadField.Phone]);
        AssertChineseRows(rows);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task OpenAsync_Utf16WithBom_ReadsUtf16(bool bigEndian)
    {
        var encoding = new UnicodeEncoding(bigEndian, byteOrderMark: true);

        var (reader, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(ChineseCsv, encoding));

        Assert.Equal(bigEndian ? 1201 : 1200, reader.Encoding?.CodePage);
        AssertChineseRows(rows);
    }

    [Fact]
    public async Task OpenAsync_Utf8CharacterCutBySniffLimit_StillReadsAsUtf8()
    {
        var header = "name,phone,note\n";
        var filler = new StringBuilder(header);
        var row = 2;
        while (filler.Length < LeadFileReader.SniffLength - 200)
        {
            filler.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{row},1390000{row:D4},x\n");
            row++;
        }

        // Pad so that the three bytes of "张" straddle the end of the inspected prefix.
        filler.Append("pad,1,");
        filler.Append('x', LeadFileReader.SniffLength - 2 - filler.Length);
        filler.Append('\n');
        var text = filler + "张三,13912345678,好\n";
        var bytes = LeadFiles.Text(text, LeadFiles.Utf8);
        Assert.Equal(0xE5, bytes[LeadFileReader.SniffLength - 1]); // first byte of 张 is the prefix's last

        var (reader, rows) = await LeadFiles.ReadAsync(bytes);

        Assert.Equal("utf-8", reader.Encoding?.WebName);
        Assert.Equal("张三", rows[^1].Name);
        Assert.Equal("好", rows[^1].Note);
        Assert.DoesNotContain(rows, r => r.HasError);
    }

    [Fact]
    public async Task OpenAsync_Gb18030LongerThanSniffLimit_ReadsEveryRow()
    {
        var text = new StringBuilder("客户姓名,联系电话,备注\n");
        for (var i = 0; i < 3000; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"王小明{i},1380000{i:D4},意向强烈，下周回访\n");
        }

        var bytes = LeadFiles.Text(text.ToString(), LeadFiles.Gb18030);
        Assert.True(bytes.Length > LeadFileReader.SniffLength);

        var (reader, rows) = await LeadFiles.ReadAsync(bytes);

        Assert.Equal(54936, reader.Encoding?.CodePage);
        Assert.Equal(3000, rows.Count);
        Assert.Equal("王小明2999", rows[^1].Name);
        Assert.Equal("意向强烈，下周回访", rows[^1].Note);
    }

    [Fact]
    public async Task OpenAsync_MojibakeHeader_RefusedNamingHeader()
    {
        // UTF-8 opened as Windows-1252 and saved as UTF-8 again.
        var mojibake = LeadFiles.Windows1252.GetString(Encoding.UTF8.GetBytes("姓名,电话\n张三,13912345678\n"));

        var error = await LeadFiles.RefusedAsync(LeadFiles.Text(mojibake, LeadFiles.Utf8));

        Assert.Equal(LeadFileProblem.DoubleEncoded, error.Problem);
        Assert.Contains("double-encoded", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"å§“å\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("姓", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_MojibakeValue_RefusedNamingValue()
    {
        var value = LeadFiles.Windows1252.GetString(Encoding.UTF8.GetBytes("王五"));
        var text = $"name,phone,channel\nAlice,13912345678,web\n{value},13812345678,web\n";

        var error = await LeadFiles.RefusedAsync(LeadFiles.Text(text, LeadFiles.Utf8WithBom));

        Assert.Equal(LeadFileProblem.DoubleEncoded, error.Problem);
        Assert.Contains($"\"{value}\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("probably \"王五\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("José Müller", "« Très intéressé\u00A0», rappeler après l’été")]
    [InlineData("Zoë Straß", "sagt „Fuß“ – kommt Montag")]
    [InlineData("Renée", "café\u00A0»")]
    public async Task OpenAsync_GenuineAccentedUtf8_NotTakenForMojibake(string name, string note)
    {
        var text = $"name,phone,note\n王芳,13912345678,好\n{name},13812345678,\"{note}\"\n";

        var (_, rows) = await LeadFiles.ReadAsync(LeadFiles.Text(text));

        Assert.Equal((name, note), (rows[1].Name, rows[1].Note));
    }

    [Theory]
    [InlineData("name,phone\nJosé Müller,13912345678\n")]
    [InlineData("name,phone\nMüller,13912345678\nRenée,13812345678\n")]
    public async Task OpenAsync_Windows1252Text_RefusedAsUnrecognizedEncoding(string text)
    {
        var error = await LeadFiles.RefusedAsync(LeadFiles.Text(text, LeadFiles.Windows1252));

        Assert.Equal(LeadFileProblem.UnrecognizedEncoding, error.Problem);
        Assert.Contains("encoding of the file could not be recognized", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenAsync_UndecodableBytes_RefusedAsUnrecognizedEncoding()
    {
        byte[] bytes = [.. "name,phone\n"u8, 0x80, 0xFF, 0xFE, 0x81, 0x20, 0xC0, 0x41, 0x0A];

        var error = await LeadFiles.RefusedAsync(bytes);

        Assert.Equal(LeadFileProblem.UnrecognizedEncoding, error.Problem);
    }

    [Fact]
    public async Task OpenAsync_Utf16WithoutBom_RefusedAsUnrecognizedEncoding()
    {
        var bytes = Encoding.Unicode.GetBytes("name,phone\nAlice,13912345678\n");

        var error = await LeadFiles.RefusedAsync(bytes);

        Assert.Equal(LeadFileProblem.UnrecognizedEncoding, error.Problem);
    }

    [Fact]
    public async Task ReadRowsAsync_InvalidUtf8PastSniffLimit_OnlyThatRowFails()
    {
        var text = new StringBuilder("name,phone\n");
        var row = 2;
        while (text.Length <= LeadFileReader.SniffLength)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{row},1390000{row:D4}\n");
            row++;
        }

        byte[] bytes = [.. LeadFiles.Text(text.ToString()), .. "bad"u8, 0xFF, .. ",13912345678\nlast,13812345678\n"u8];

        var (_, rows) = await LeadFiles.ReadAsync(bytes);

        Assert.Equal(row, rows[^2].RowNumber);
        Assert.Contains("not valid utf-8", rows[^2].Error, StringComparison.Ordinal);
        Assert.Equal("last", rows[^1].Name);
        Assert.Single(rows, r => r.HasError);
    }

    private static void AssertChineseRows(List<ImportRow> rows)
    {
        Assert.Equal(
            [
                new ImportRow { RowNumber = 2, Name = "张三", Phone = "13912345678", Channel = "抖音广告" },
                new ImportRow { RowNumber = 3, Name = "李四", Phone = "13812345678", Channel = "官网" },
            ],
            rows);
    }
}
