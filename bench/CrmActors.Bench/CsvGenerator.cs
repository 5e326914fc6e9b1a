using System.Diagnostics;
using System.Text;

namespace CrmActors.Bench;

/// <summary>Settings of the gen-csv mode.</summary>
public sealed record class CsvOptions(string Path, long Rows, string EncodingName, bool ByteOrderMark, int Seed);

/// <summary>
/// Writes a lead import file the way spreadsheets export them (RFC 4180, CRLF line ends, quoted fields
/// where needed), streaming row by row so any size fits in constant memory. About 2% of rows repeat an
/// earlier phone, 1% carry a phone that is not one, 1% a channel nobody mapped, 1% a note with quotes,
/// commas or a line break inside.
/// </summary>
public static class CsvGenerator
{
    public const string Header = "name,phone,channel,product_interest,note,email,company";

    public static Encoding EncodingFor(string name, bool byteOrderMark)
    {
        switch (name.ToUpperInvariant())
        {
            case "UTF8" or "UTF-8":
                return new UTF8Encoding(byteOrderMark);
            case "GB18030":
                Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
                return Encoding.GetEncoding("GB18030");
            default:
                throw new ArgumentException($"--encoding must be utf8 or gb18030, not '{name}'");
        }
    }

    public static CsvStats Write(CsvOptions options, TextWriter log)
    {
        var encoding = EncodingFor(options.EncodingName, options.ByteOrderMark);
        var full = System.IO.Path.GetFullPath(options.Path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var stopwatch = Stopwatch.StartNew();
        var generator = new LeadGenerator(new PhoneSource(options.Seed), new LeadMix(DuplicatePhones: 0.02, InvalidPhones: 0.01, UnmappedChannels: 0.01, CsvQuirks: true), options.Seed);
        long duplicates = 0, invalid = 0, unmapped = 0;
        using (var stream = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16))
        using (var writer = new StreamWriter(stream, encoding, 1 << 16))
        {
            writer.NewLine = "\r\n";
            writer.WriteLine(Header);
            for (long i = 0; i < options.Rows; i++)
            {
                var lead = generator.Next();
                duplicates += lead.DuplicatePhone ? 1 : 0;
                invalid += lead.InvalidPhone ? 1 : 0;
                unmapped += lead.UnmappedChannel ? 1 : 0;
                WriteField(writer, lead.Name);
                writer.Write(',');
                WriteField(writer, lead.Phone);
                writer.Write(',');
                WriteField(writer, lead.Channel);
                writer.Write(',');
                WriteField(writer, lead.ProductInterest);
                writer.Write(',');
                WriteField(writer, lead.Note);
                writer.Write(',');
                WriteField(writer, lead.Email);
                writer.Write(',');
                WriteField(writer, lead.Company);
                writer.WriteLine();
                if ((i + 1) % 1_000_000 == 0)
                {
                    log.WriteLine($"  {Output.N(i + 1)} rows written");
                }
            }
        }

        var stats = new CsvStats(full, options.Rows, duplicates, invalid, unmapped, new FileInfo(full).Length, encoding.WebName, stopwatch.Elapsed.TotalSeconds);
        log.WriteLine($"wrote {stats.Path}: {Output.N(stats.Rows)} rows, {Output.F(stats.Bytes / 1048576.0, 2)} MB {stats.Encoding}, in {Output.F(stats.Seconds, 2)} s");
        log.WriteLine($"  deliberate: {Output.N(duplicates)} duplicate phones, {Output.N(invalid)} invalid phones, {Output.N(unmapped)} unmapped channels");
        return stats;
    }

    private static void WriteField(TextWriter writer, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var needsQuotes = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value[0] == ' ' || value[^1] == ' ';
        if (!needsQuotes)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }
}

/// <summary>What gen-csv wrote.</summary>
public sealed record class CsvStats(string Path, long Rows, long DuplicatePhones, long InvalidPhones, long UnmappedChannels, long Bytes, string Encoding, double Seconds);
