using System.Text;
using System.Text.Unicode;

namespace CrmActors.Intake;

/// <summary>
/// Chooses the encoding of a delimited text file from its first bytes: a byte order mark wins; otherwise UTF-8
/// when the bytes are valid UTF-8; otherwise GB18030 (what Chinese Excel saves as "CSV") when the decoded text
/// looks like Chinese; otherwise the file is refused. The chosen text is then checked for mojibake.
/// </summary>
internal static class TextEncodingDetector
{
    private const int Gb18030CodePage = 54936;

    private static readonly Encoding StrictGb18030 = CodePagesEncodingProvider.Instance.GetEncoding(
        Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;

    // Decoding for real uses U+FFFD for bad bytes (not the code page default "?"), so such rows can be told apart.
    private static readonly Encoding Gb18030 = CodePagesEncodingProvider.Instance.GetEncoding(
        Gb18030CodePage, EncoderFallback.ReplacementFallback, new DecoderReplacementFallback("\uFFFD"))!;

    /// <summary>
    /// Detects the encoding of <paramref name="prefix"/>, the first bytes of the file (all of them when
    /// <paramref name="isWholeFile"/>), and returns it with the length of its byte order mark, if any.
    /// Throws <see cref="LeadFileException"/> when the encoding is not recognized or the text is double-encoded.
    /// </summary>
    public static (Encoding Encoding, int BomLength) Detect(ReadOnlySpan<byte> prefix, bool isWholeFile)
    {
        var (encoding, bomLength) = Choose(prefix, isWholeFile);
        var text = Decode(encoding, prefix[bomLength..], isWholeFile);
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            // UTF-16 without a byte order mark, or not text at all.
            throw Unrecognized();
        }

        if (text.AsSpan().TrimStart().StartsWith("<", StringComparison.Ordinal))
        {
            throw new LeadFileException(
                LeadFileProblem.UnsupportedFormat,
                "The file is an HTML or XML document, not a spreadsheet (some systems export those under an " +
                ".xls name). Open it in Excel and save it as .xlsx or CSV.");
        }

        if (!ReferenceEquals(encoding, Gb18030) && MojibakeDetector.TryFind(text, out var suspect, out var repaired))
        {
            var guess = repaired is null ? string.Empty : $" (probably \"{repaired}\")";
            throw new LeadFileException(
                LeadFileProblem.DoubleEncoded,
                $"The file looks double-encoded: \"{suspect}\"{guess} is UTF-8 text that was once read as " +
                "Windows-1252/Latin-1 and saved again. Export the file again from its source as UTF-8 CSV or .xlsx.");
        }

        return (encoding, bomLength);
    }

    private static (Encoding Encoding, int BomLength) Choose(ReadOnlySpan<byte> prefix, bool isWholeFile)
    {
        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 3);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return (new UnicodeEncoding(bigEndian: false, byteOrderMark: false), 2);
        }

        if (prefix.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return (new UnicodeEncoding(bigEndian: true, byteOrderMark: false), 2);
        }

        if (Utf8.IsValid(isWholeFile ? prefix : WithoutCutSequence(prefix)))
        {
            return (new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 0);
        }

        if (IsPlausibleGb18030(prefix, isWholeFile))
        {
            return (Gb18030, 0);
        }

        throw Unrecognized();
    }

    private static LeadFileException Unrecognized() => new(
        LeadFileProblem.UnrecognizedEncoding,
        "The text encoding of the file could not be recognized: it is neither UTF-8, UTF-16 with a byte order " +
        "mark, nor GB18030. Save it as \"CSV UTF-8\" or as .xlsx and upload it again.");

    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes, bool isWholeFile)
    {
        // A decoder that is not flushed leaves a character cut at the end of the prefix undecoded.
        var decoder = encoding.GetDecoder();
        var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
        var count = decoder.GetChars(bytes, chars, flush: isWholeFile);
        return new string(chars, 0, count);
    }

    /// <summary>The prefix without a UTF-8 sequence that its end cuts in two.</summary>
    private static ReadOnlySpan<byte> WithoutCutSequence(ReadOnlySpan<byte> prefix)
    {
        for (var back = 1; back <= Math.Min(3, prefix.Length); back++)
        {
            var b = prefix[^back];
            if (b < 0x80)
            {
                break;
            }

            if (b >= 0xC0)
            {
                var length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                return length > back ? prefix[..^back] : prefix;
            }
        }

        return prefix;
    }

    /// <summary>
    /// GB18030 decodes almost any byte soup, so decoding without error is not enough: most two-byte characters
    /// must come from the GB2312 block every Chinese text lives in (lead and trail byte 0xA1-0xFE; Latin-1
    /// letters followed by ASCII fall outside it), four-byte characters must be rare, and most non-ASCII
    /// characters must be Chinese characters or punctuation.
    /// </summary>
    private static bool IsPlausibleGb18030(ReadOnlySpan<byte> bytes, bool isWholeFile)
    {
        int doubleByte = 0, common = 0, fourByte = 0, complete = 0, i = 0;
        while (i < bytes.Length)
        {
            var lead = bytes[i];
            if (lead < 0x80)
            {
                i++;
                complete = i;
                continue;
            }

            if (lead is 0x80 or 0xFF || i + 1 >= bytes.Length)
            {
                break;
            }

            var trail = bytes[i + 1];
            var length = trail is >= 0x30 and <= 0x39 ? 4 : 2;
            if (i + length > bytes.Length)
            {
                break;
            }

            if (length == 4)
            {
                fourByte++;
            }
            else
            {
                doubleByte++;
                if (lead is >= 0xA1 and <= 0xF7 && trail is >= 0xA1 and <= 0xFE)
                {
                    common++;
                }
            }

            i += length;
            complete = i;
        }

        var cutAt = isWholeFile ? bytes.Length : Math.Max(complete, bytes.Length - 3);
        if (complete < cutAt || doubleByte == 0 || common * 10 < doubleByte * 8 || fourByte * 20 > doubleByte)
        {
            return false;
        }

        string text;
        try
        {
            text = StrictGb18030.GetString(bytes[..complete]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        int nonAscii = 0, chinese = 0;
        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not '\t' and not '\r' and not '\n')
            {
                return false;
            }

            if (c >= 0x80)
            {
                nonAscii++;
                if (IsChineseTextChar(c))
                {
                    chinese++;
                }
            }
        }

        return chinese * 10 >= nonAscii * 9;
    }

    private static bool IsChineseTextChar(char c) => c is
        (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
        or (>= '\u3400' and <= '\u4DBF') // CJK extension A
        or (>= '\u3000' and <= '\u303F') // CJK symbols and punctuation: 、。《》【】
        or (>= '\uFF00' and <= '\uFFEF') // full-width forms: ，：（）
        or (>= '\u2010' and <= '\u206F') // general punctuation: —‘’“”…
        or (>= '\u2100' and <= '\u218F') // letterlike symbols and number forms: ℃ № Ⅱ
        or (>= '\u2460' and <= '\u24FF') // enclosed numbers: ①
        or (>= '\u25A0' and <= '\u25FF') // geometric shapes: ■●
        or '\u00B7' or '\u00D7' or '\u00F7' or '\u00B0' or '\u00B1' or '\u00A7';
}
