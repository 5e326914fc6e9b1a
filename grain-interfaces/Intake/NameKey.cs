using System.Globalization;
using System.Text;
using CrmActors.GrainInterfaces.Common;

namespace CrmActors.GrainInterfaces.Intake;

/// <summary>
/// Comparable forms of person and company names, for offering possible duplicates to a human: width and
/// case folded, punctuation and blanks dropped, honorifics ("Dr.", "先生", "女士") and legal forms
/// ("有限公司", "Co., Ltd.", "GmbH") removed.
/// </summary>
public static class NameKey
{
    private static readonly string[] Honorifics =
        ["mr", "mrs", "ms", "miss", "dr", "prof", "先生", "女士", "小姐", "老师", "经理", "医生", "主任", "院长", "总"];

    private static readonly string[] LegalForms =
        ["股份有限公司", "有限责任公司", "有限公司", "集团", "公司", "coltd", "co", "ltd", "limited", "inc", "llc", "gmbh", "corp", "corporation", "ag", "sa", "plc"];

    /// <summary>The comparable form of a person's name.</summary>
    public static string Person(string? name) => Strip(Fold(name), Honorifics);

    /// <summary>The comparable form of a company name.</summary>
    public static string Company(string? name) => Strip(Fold(name), LegalForms);

    /// <summary>
    /// True when two keys probably name the same party: equal, or within one edit (two for keys of eight or
    /// more characters); keys shorter than two characters never match.
    /// </summary>
    public static bool Similar(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Length < 2 || b.Length < 2)
        {
            return false;
        }

        if (a == b)
        {
            return true;
        }

        var allowed = Math.Min(a.Length, b.Length) >= 8 ? 2 : Math.Min(a.Length, b.Length) >= 3 ? 1 : 0;
        return Math.Abs(a.Length - b.Length) <= allowed && Distance(a, b, allowed) <= allowed;
    }

    /// <summary>
    /// The bucket a key is filed under: its first two characters, so a tenant's index is spread over many
    /// small shards (a surname alone would put a tenth of a Chinese customer base in one). Names that differ
    /// in their first two characters are not offered as candidates; typos further in are.
    /// </summary>
    public static string Bucket(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var builder = new StringBuilder();
        var taken = 0;
        for (var i = 0; i < key.Length && taken < 2; i += char.IsSurrogatePair(key, i) ? 2 : 1, taken++)
        {
            builder.Append(char.ConvertToUtf32(key, i).ToString("x", CultureInfo.InvariantCulture)).Append('_');
        }

        return builder.Length == 0 ? "0" : builder.ToString(0, builder.Length - 1);
    }

    private static string Fold(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return string.Empty;
        }

        var text = UnicodeText.FoldKc(value).ToLowerInvariant();
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(' ');
            }
        }

        return builder.ToString();
    }

    private static string Strip(string folded, string[] words)
    {
        var parts = folded.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !words.Contains(p)).ToList();
        var joined = string.Concat(parts);

        // CJK names carry titles and legal forms without blanks: "王总", "张先生", "上海某某有限公司".
        foreach (var word in words.Where(w => w.Length > 0 && !char.IsAscii(w[0])))
        {
            if (joined.Length > word.Length && joined.EndsWith(word, StringComparison.Ordinal))
            {
                joined = joined[..^word.Length];
            }
        }

        return joined;
    }

    /// <summary>Levenshtein distance, giving up (returning limit + 1) once it must exceed <paramref name="limit"/>.</summary>
    private static int Distance(string a, string b, int limit)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var best = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                best = Math.Min(best, current[j]);
            }

            if (best > limit)
            {
                return limit + 1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
