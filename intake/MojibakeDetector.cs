using System.Buffers;
using System.Text;

namespace CrmActors.Intake;

/// <summary>
/// Finds mojibake: UTF-8 text that was decoded as Windows-1252 (or Latin-1) and encoded as UTF-8 again, so that
/// "姓名" reads "å§“å" and "电话" reads "ç”µè¯". Mapping such characters back to their Windows-1252 bytes gives
/// valid multi-byte UTF-8 sequences. Genuine text rarely does that by accident ("café »" with a no-break space
/// does), so a single accidental sequence is not enough: the text is taken for mojibake when a field holds two
/// or more such sequences and nothing else that is not ASCII, or when, over all the text, the sequences are at
/// least as many as the other non-ASCII characters (genuine accented or Chinese text has far more of those).
/// </summary>
internal static class MojibakeDetector
{
    private const int MaxSampleLength = 40;

    private static readonly Dictionary<char, byte> Cp1252Bytes = BuildCp1252Bytes();

    /// <summary>
    /// Looks for mojibake in <paramref name="text"/>; on a find returns (up to 40 characters of) the field it is
    /// in and, when that can be repaired, what it most likely said.
    /// </summary>
    public static bool TryFind(string text, out string suspect, out string? repaired)
    {
        int sequences = 0, others = 0, fieldStart = 0;
        int? firstSuspect = null, strongSuspect = null;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i < text.Length && !IsFieldBoundary(text[i]))
            {
                continue;
            }

            var field = Census(text.AsSpan(fieldStart, i - fieldStart));
            sequences += field.Sequences;
            others += field.Others;
            if (field.Sequences > 0)
            {
                firstSuspect ??= fieldStart + field.FirstSequence;
                if (field.Sequences >= 2 && field.Others == 0)
                {
                    strongSuspect ??= fieldStart + field.FirstSequence;
                }
            }

            fieldStart = i + 1;
        }

        var at = strongSuspect ?? (sequences > 0 && sequences >= others ? firstSuspect : null);
        if (at is not { } position)
        {
            suspect = string.Empty;
            repaired = null;
            return false;
        }

        var sample = Sample(text, position);
        suspect = string.Concat(sample.Where(c => c is < '\u0080' or > '\u009F')).Trim(' ', '\t');
        repaired = Repair(sample);
        return true;
    }

    /// <summary>
    /// Counts, in one field, the multi-byte UTF-8 sequences its Windows-1252 characters map back to, and the other
    /// non-ASCII characters; FirstSequence is where the first sequence starts.
    /// </summary>
    private static (int Sequences, int Others, int FirstSequence) Census(ReadOnlySpan<char> field)
    {
        int sequences = 0, others = 0, first = -1;
        Span<byte> bytes = stackalloc byte[4];
        var i = 0;
        while (i < field.Length)
        {
            if (field[i] < '\u0080')
            {
                i++;
                continue;
            }

            var length = 0;
            while (length < 4 && i + length < field.Length && Cp1252Bytes.TryGetValue(field[i + length], out var b))
            {
                bytes[length++] = b;
            }

            if (Rune.DecodeFromUtf8(bytes[..length], out var rune, out var consumed) == OperationStatus.Done
                && consumed >= 2
                && IsLikelyOriginal(rune))
            {
                sequences++;
                first = first < 0 ? i : first;
                i += consumed;
            }
            else
            {
                others++;
                i++;
            }
        }

        return (sequences, others, first);
    }

    /// <summary>
    /// Whether a decoded character is one that real text has. C1 controls and the Syriac, Thaana and NKo blocks
    /// are not: they are what "ß" or "Þ" before a curly quote or dash ("Fuß“") decode to.
    /// </summary>
    private static bool IsLikelyOriginal(Rune rune) => rune.Value is >= 0xA0 and (< 0x700 or >= 0x800);

    private static bool IsFieldBoundary(char c) => c is ',' or ';' or '\t' or '\r' or '\n' or '"';

    /// <summary>The field around <paramref name="position"/>, cut to a readable length.</summary>
    private static string Sample(string text, int position)
    {
        var start = position;
        while (start > 0 && !IsFieldBoundary(text[start - 1]) && position - start < MaxSampleLength / 4)
        {
            start--;
        }

        var end = position;
        while (end < text.Length && !IsFieldBoundary(text[end]) && end - start < MaxSampleLength)
        {
            end++;
        }

        return text[start..end];
    }

    /// <summary>Maps the text back to bytes and decodes them as UTF-8; null when a character has no byte.</summary>
    private static string? Repair(string text)
    {
        var bytes = new List<byte>(text.Length);
        foreach (var c in text.Trim(' ', '\t'))
        {
            if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else if (Cp1252Bytes.TryGetValue(c, out var b))
            {
                bytes.Add(b);
            }
            else
            {
                return null;
            }
        }

        // A sequence cut by the sample's ends, or bytes an editor dropped, decode to U+FFFD: leave them out.
        return Encoding.UTF8.GetString(bytes.ToArray()).Replace("\uFFFD", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// Windows-1252's characters for bytes 0x80-0xFF, plus U+0080-U+009F for its five undefined bytes and for
    /// Latin-1 decoders, which map every byte to the code point of the same value.
    /// </summary>
    private static Dictionary<char, byte> BuildCp1252Bytes()
    {
        var cp1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        var map = new Dictionary<char, byte>();
        for (var b = 0x80; b <= 0xFF; b++)
        {
            map[cp1252.GetString([(byte)b])[0]] = (byte)b;
            map.TryAdd((char)b, (byte)b);
        }

        return map;
    }
}
