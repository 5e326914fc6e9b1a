namespace CrmActors.Conversations;

/// <summary>Chinese numerals up to the hundreds of millions: 八十, 一百二十, 两百五十, 伍拾, 一千五百, 十五.</summary>
public static class ChineseNumerals
{
    /// <summary>The characters a Chinese numeral is written with.</summary>
    public const string Characters = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟";

    private static readonly Dictionary<char, int> Digits = new()
    {
        ['零'] = 0, ['〇'] = 0, ['一'] = 1, ['壹'] = 1, ['二'] = 2, ['两'] = 2, ['贰'] = 2, ['三'] = 3, ['叁'] = 3,
        ['四'] = 4, ['肆'] = 4, ['五'] = 5, ['伍'] = 5, ['六'] = 6, ['陆'] = 6, ['七'] = 7, ['柒'] = 7,
        ['八'] = 8, ['捌'] = 8, ['九'] = 9, ['玖'] = 9,
    };

    private static readonly Dictionary<char, int> Units = new()
    {
        ['十'] = 10, ['拾'] = 10, ['百'] = 100, ['佰'] = 100, ['千'] = 1000, ['仟'] = 1000,
    };

    /// <summary>The value of <paramref name="text"/>, or null when it is not a numeral.</summary>
    public static decimal? Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Any(c => !Characters.Contains(c, StringComparison.Ordinal)))
        {
            return null;
        }

        decimal total = 0;
        decimal digit = 0;
        var sawDigit = false;
        foreach (var c in text)
        {
            if (Digits.TryGetValue(c, out var d))
            {
                digit = d;
                sawDigit = true;
            }
            else
            {
                var unit = Units[c];
                total += (sawDigit ? digit : 1) * unit;
                digit = 0;
                sawDigit = false;
            }
        }

        return total + digit;
    }
}
