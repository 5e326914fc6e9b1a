using System.Text;

namespace CrmActors.Intake.Tests;

/// <summary>Builds lead files in memory and reads them back.</summary>
public static class LeadFiles
{
    public static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static readonly Encoding Utf8WithBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    public static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(54936)!;

    public static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;

    /// <summary>The text's bytes in <paramref name="encoding"/>, led by its byte order mark if it has one.</summary>
    public static byte[] Text(string text, Encoding? encoding = null)
    {
        encoding ??= Utf8;
        return [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
    }

    /// <summary>Opens <paramref name="bytes"/> as a forward-only stream, as an upload arrives.</summary>
    public static Task<LeadFileReader> OpenAsync(byte[] bytes, string? fileName = null) =>
        LeadFileReader.OpenAsync(new NonSeekableStream(new MemoryStream(bytes)), fileName);

    public static async Task<List<ImportRow>> ReadAllAsync(LeadFileReader reader)
    {
        var rows = new List<ImportRow>();
        await foreach (var row in reader.ReadRowsAsync())
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Opens and reads the whole file; the reader, disposed, still tells what it found.</summary>
    public static async Task<(LeadFileReader Reader, List<ImportRow> Rows)> ReadAsync(byte[] bytes, string? fileName = null)
    {
        using var reader = await OpenAsync(bytes, fileName);
        return (reader, await ReadAllAsync(reader));
    }

    public static async Task<LeadFileException> RefusedAsync(byte[] bytes, string? fileName = null) =>
        await Assert.ThrowsAsync<LeadFileException>(() => OpenAsync(bytes, fileName));
}
