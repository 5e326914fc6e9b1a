using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmActors.Conversations;

/// <summary>
/// Finds sums of money in Chinese and English text: 80万, 120万元, 一百二十万, 伍拾万, 80w, ¥800,000, $50,000,
/// 1.2 million, 800k RMB, RMB 3m, half a million, a hundred and eighty thousand, one point two million, and ranges
/// (50到60万, 100-150k, between 500k and 600k, 200 to 250 thousand). A figure without a unit or a currency
/// (20台, 250 tons, 64排) is not money.
/// </summary>
public static partial class AmountReader
{
    private const string Number = @"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]+";
    private const string Unit = @"万元|万块钱|万块|万|亿元|亿|千元|千块|元|块钱|块|[wW](?![a-zA-Z])|[kK](?![a-zA-Z])|\s?million\b|\s?mn\b|[mM](?![a-zA-Z])|\s?thousand\b";
    private const string Currency = @"¥|￥|US\$|\$|€|RMB\s?|CNY\s?|USD\s?";
    private const string After = @"\s?(?:RMB|CNY|USD|yuan|dollars|euros|元|块钱|美元|美金|人民币)";

    private static readonly Dictionary<string, int> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = 1, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19, ["twenty"] = 20,
        ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80, ["ninety"] = 90,
    };

    /// <summary>Every amount in <paramref name="text"/>, in order.</summary>
    public static IReadOnlyList<Amount> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<Amount>();
        foreach (Match match in Figures().Matches(text))
        {
            if (FromFigures(match, text) is { } amount)
            {
                found.Add(amount);
            }
        }

        foreach (Match match in SpelledOut().Matches(text))
        {
            if (found.Any(a => a.Index < match.Index + match.Length && match.Index < a.Index + a.Length))
            {
                continue;
            }

            if (SpelledValue(match.Groups["w"].Value) is { } value)
            {
                var currency = CurrencyOf(match.Groups["cur"].Value);
                found.Add(new Amount(null, value * Multiplier(match.Groups["u"].Value), currency, match.Index, match.Length));
            }
        }

        return [.. found.OrderBy(a => a.Index)];
    }

    [GeneratedRegex($@"(?<cur1>{Currency})?(?<n1>{Number})\s?(?<u1>{Unit})?(?:\s*(?<sep>到|至|~|～|-|–|to|and)\s*(?:{Currency})?(?<n2>{Number})\s?(?<u2>{Unit})?)?(?<cur3>{After})?", RegexOptions.IgnoreCase)]
    private static partial Regex Figures();

    [GeneratedRegex(@"\b(?<w>(?:(?:a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|and|point|half)\b[\s-]*)+)(?<u>thousand|million)\b(?<cur>\s?(?:RMB|yuan|dollars))?", RegexOptions.IgnoreCase)]
    private static partial Regex SpelledOut();

    private static Amount? FromFigures(Match match, string text)
    {
        var u1 = match.Groups["u1"].Value.Trim();
        var u2 = match.Groups["u2"].Value.Trim();
        var cur = match.Groups["cur1"].Value.Trim() + match.Groups["cur3"].Value.Trim();
        var hasRange = match.Groups["n2"].Success;
        if (hasRange && string.Equals(match.Groups["sep"].Value, "and", StringComparison.OrdinalIgnoreCase)
            && !text[Math.Max(0, match.Index - 12)..match.Index].Contains("between", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (u1.Length == 0 && u2.Length == 0 && cur.Length == 0)
        {
            return null;
        }

        if (u1.Length == 0 && !hasRange && cur.Length == 0)
        {
            return null;
        }

        var v1 = Value(match.Groups["n1"].Value);
        if (v1 is null)
        {
            return null;
        }

        var currency = CurrencyOf(cur);
        if (!hasRange)
        {
            var single = v1.Value * Multiplier(u1);
            return single < 100 && cur.Length == 0 && u1.Length == 0 ? null : new Amount(null, single, currency, match.Index, match.Length);
        }

        var v2 = Value(match.Groups["n2"].Value);
        if (v2 is null)
        {
            return null;
        }

        var high = v2.Value * Multiplier(u2.Length > 0 ? u2 : u1);
        var low = v1.Value * Multiplier(u1.Length > 0 ? u1 : u2);
        if (u1.Length > 0 && u2.Length == 0 && cur.Length == 0)
        {
            // "80万 - 20台": the second figure is not money; keep the first alone.
            return new Amount(null, low, currency, match.Index, match.Groups["u1"].Index + match.Groups["u1"].Length - match.Index);
        }

        return low > high ? new Amount(high, low, currency, match.Index, match.Length) : new Amount(low, high, currency, match.Index, match.Length);
    }

    private static decimal? Value(string number)
    {
        if (decimal.TryParse(number.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        return ChineseNumerals.Parse(number);
    }

    private static decimal Multiplier(string unit) => unit.Trim().ToUpperInvariant() switch
    {
        "万" or "万元" or "万块" or "万块钱" or "W" => 10_000m,
        "亿" or "亿元" => 100_000_000m,
        "千元" or "千块" or "K" or "THOUSAND" => 1_000m,
        "M" or "MN" or "MILLION" => 1_000_000m,
        _ => 1m,
    };

    private static string CurrencyOf(string marker)
    {
        var m = marker.ToUpperInvariant();
        if (m.Contains('$', StringComparison.Ordinal) || m.Contains("USD", StringComparison.Ordinal) || m.Contains("DOLLAR", StringComparison.Ordinal) || m.Contains('美', StringComparison.Ordinal))
        {
            return "USD";
        }

        return m.Contains('€', StringComparison.Ordinal) || m.Contains("EUR", StringComparison.Ordinal) || m.Contains("欧元", StringComparison.Ordinal) ? "EUR" : "CNY";
    }

    private static decimal? SpelledValue(string words)
    {
        var tokens = words.Split([' ', '-', '\t'], StringSplitOptions.RemoveEmptyEntries).ToList();
        while (tokens.Count > 0 && tokens[0].Equals("and", StringComparison.OrdinalIgnoreCase))
        {
            tokens.RemoveAt(0);
        }

        if (tokens.Any(t => t.Equals("half", StringComparison.OrdinalIgnoreCase)))
        {
            return 0.5m;
        }

        var point = tokens.FindIndex(t => t.Equals("point", StringComparison.OrdinalIgnoreCase));
        var whole = Integer(point < 0 ? tokens : tokens[..point]);
        if (whole is null || point < 0)
        {
            return whole;
        }

        decimal fraction = 0;
        decimal scale = 0.1m;
        foreach (var token in tokens[(point + 1)..])
        {
            if (!Words.TryGetValue(token, out var digit) || digit > 9)
            {
                return null;
            }

            fraction += digit * scale;
            scale /= 10;
        }

        return whole + fraction;
    }

    private static decimal? Integer(List<string> tokens)
    {
        decimal current = 0;
        var any = false;
        foreach (var token in tokens)
        {
            if (token.Equals("and", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (token.Equals("hundred", StringComparison.OrdinalIgnoreCase))
            {
                current = (current == 0 ? 1 : current) * 100;
            }
            else if (Words.TryGetValue(token, out var value))
            {
                current += value;
            }
            else
            {
                return null;
            }

            any = true;
        }

        return any ? current : null;
    }
}
