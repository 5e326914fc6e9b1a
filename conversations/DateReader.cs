using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmActors.Conversations;

/// <summary>
/// Finds the dates a message names and resolves them against the day it was said (a local date in the tenant's
/// zone): 下周三 and next Wednesday are the Wednesday of the next Monday-to-Sunday week, 下下周一 two weeks on, a bare
/// weekday (周五, Friday) its next occurrence, 这周五 / this Friday the one of this week; 明天, 后天, tomorrow, the day
/// after tomorrow; 3月15号, March 15, 15/03 (day/month in English, month/day in Chinese when both could be either),
/// the 27th; 月底, end of the month, end of June; 年底, year end; Q2, 二季度 (the quarter's last day, next year's once it
/// passed); in two weeks, 两周后. A month and day more than 60 days past mean next year. Vague phrases (下周, next week,
/// soon) are not dates.
/// </summary>
public static partial class DateReader
{
    private const string HanDigits = "一二两三四五六七八九十";
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(60);

    /// <summary>Every date named in <paramref name="text"/>, said on <paramref name="today"/>.</summary>
    public static IReadOnlyList<DateMention> Find(string text, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<DateMention>();
        var chinese = text.Any(c => c is >= '\u4e00' and <= '\u9fff');
        foreach (var (pattern, resolve) in Readers(today, chinese))
        {
            foreach (Match match in pattern.Matches(text))
            {
                if (found.Any(f => f.Index < match.Index + match.Length && match.Index < f.Index + f.Length))
                {
                    continue;
                }

                if (resolve(match, text) is { } date)
                {
                    found.Add(new DateMention(date, match.Index, match.Length));
                }
            }
        }

        return [.. found.OrderBy(f => f.Index)];
    }

    private static IEnumerable<(Regex Pattern, Func<Match, string, DateOnly?> Resolve)> Readers(DateOnly today, bool chinese)
    {
        yield return (DayAfterTomorrow(), (_, _) => today.AddDays(2));
        yield return (Tomorrow(), (m, _) => today.AddDays(m.Value switch { "大后天" => 3, "后天" => 2, _ => 1 }));
        yield return (ZhWeekday(), (m, _) => Weekday(today, HanWeekday(m.Groups["d"].Value), m.Groups["pre"].Value switch
        {
            "下下" => 2,
            "下" or "下个" => 1,
            "这" or "这个" or "本" => 0,
            _ => -1,
        }));
        yield return (EnWeekday(), (m, _) => EnglishWeekday(today, m));
        yield return (ZhMonthDay(), (m, _) => MonthDay(today, Int(m.Groups["m"].Value), Int(m.Groups["d"].Value), m.Groups["y"].Value));
        yield return (EnMonthDay(), (m, _) => MonthDay(today, Month(m.Groups["mon"].Value), Int(m.Groups["d"].Value), string.Empty));
        yield return (EnDayMonth(), (m, _) => MonthDay(today, Month(m.Groups["mon"].Value), Int(m.Groups["d"].Value), string.Empty));
        yield return (ZhMonthEnd(), (m, _) => MonthEnd(today, m.Groups["m"].Success ? Int(m.Groups["m"].Value) : null, m.Groups["pre"].Value.StartsWith('下') ? 1 : 0));
        yield return (EnMonthEnd(), (m, _) => MonthEnd(today, m.Groups["mon"].Success ? Month(m.Groups["mon"].Value) : null, m.Groups["next"].Success ? 1 : 0));
        yield return (YearEnd(), (m, _) => new DateOnly(today.Year + (m.Value.Contains("明年", StringComparison.Ordinal) || m.Value.Contains("next", StringComparison.OrdinalIgnoreCase) ? 1 : 0), 12, 31));
        yield return (Quarter(), QuarterEnd(today));
        yield return (Later(), (m, _) => today.AddDays((Int(m.Groups["n"].Value) ?? 1) * (m.Groups["unit"].Value is "天" or "day" or "days" ? 1 : 7)));
        yield return (Numeric(), (m, _) => NumericDate(today, Int(m.Groups["a"].Value)!.Value, Int(m.Groups["b"].Value)!.Value, chinese));
        yield return (DayOfMonth(), (m, _) => DayOfMonthDate(today, Int(m.Groups["d"].Value)));
    }

    [GeneratedRegex(@"(?:the\s+)?day\s+after\s+tomorrow", RegexOptions.IgnoreCase)]
    private static partial Regex DayAfterTomorrow();

    [GeneratedRegex(@"大后天|后天|明天|明日|\b(?:tomorrow|tommorow|tomorow|tmrw|tmr)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Tomorrow();

    [GeneratedRegex(@"(?<pre>下下|下个|下|这个|这|本)?(?:周|星期|礼拜)(?<d>[一二三四五六日天])")]
    private static partial Regex ZhWeekday();

    [GeneratedRegex(@"\b(?:(?<pre>next|this|coming)\s+)?(?<wd>monday|tuesday|tues|tue|wednesday|wed|thursday|thurs|thur|thu|friday|fri|saturday|sunday)\b(?<after>\s+after\s+next)?(?:,?\s+the\s+(?<dom>\d{1,2})(?:st|nd|rd|th)?\b)?", RegexOptions.IgnoreCase)]
    private static partial Regex EnWeekday();

    [GeneratedRegex(@"(?:(?<y>\d{4}|明年|今年)年?)?(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?<d>[12]\d|3[01]|0?[1-9]|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九])[日号]?")]
    private static partial Regex ZhMonthDay();

    [GeneratedRegex(@"\b(?<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+(?:the\s+)?(?<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnMonthDay();

    [GeneratedRegex(@"\b(?<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\s+(?:of\s+)?(?<mon>jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnDayMonth();

    [GeneratedRegex(@"(?:(?<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月|(?<pre>下个|下|这个|本)?月)(?:底|末)")]
    private static partial Regex ZhMonthEnd();

    [GeneratedRegex(@"\b(?:(?:the\s+)?end\s+of\s+(?:(?:the|this)\s+)?(?:(?<next>next\s+)?month|(?<mon>january|february|march|april|may|june|july|august|september|october|november|december))|month[-\s]end)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnMonthEnd();

    [GeneratedRegex(@"(?:明年|今年)?(?:年底|年末)|\b(?:(?:the\s+)?end\s+of\s+(?:the\s+|this\s+|next\s+)?year|(?:next\s+)?year[-\s]end)\b", RegexOptions.IgnoreCase)]
    private static partial Regex YearEnd();

    [GeneratedRegex(@"(?<pre>明年|next\s+year\s*)?(?:第)?(?:(?<q>[一二三四1-4])季度|\b[Qq](?<q>[1-4])\b|Q(?<q>[1-4])(?![0-9A-Za-z]))(?:末|底)?(?<post>\s+(?:of\s+)?next\s+year)?", RegexOptions.IgnoreCase)]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(?<n>\d+|[一二两三四五六七八九十]+)\s*(?:个)?(?<unit>周|星期|礼拜|天)(?:后|之后|以后)|\bin\s+(?<n>\d+|one|two|three|four|a)\s+(?<unit>weeks?|days?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Later();

    [GeneratedRegex(@"(?<![\d/])(?<a>[0-3]?\d)/(?<b>[0-3]?\d)(?![\d/])")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"(?<![月\d])(?<d>[12]\d|3[01]|0?[1-9])[号日](?!元)|\bthe\s+(?<d>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b", RegexOptions.IgnoreCase)]
    private static partial Regex DayOfMonth();

    private static DateOnly Weekday(DateOnly today, int weekday, int weeksAhead)
    {
        var todayIndex = ((int)today.DayOfWeek + 6) % 7 + 1;
        if (weeksAhead < 0)
        {
            var ahead = (weekday - todayIndex + 7) % 7;
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        var monday = today.AddDays(1 - todayIndex);
        return monday.AddDays(7 * weeksAhead + weekday - 1);
    }

    private static DateOnly? EnglishWeekday(DateOnly today, Match m)
    {
        if (m.Groups["dom"].Success)
        {
            return DayOfMonthDate(today, Int(m.Groups["dom"].Value));
        }

        var weekday = m.Groups["wd"].Value.ToUpperInvariant()[..3] switch
        {
            "MON" => 1, "TUE" => 2, "WED" => 3, "THU" => 4, "FRI" => 5, "SAT" => 6, _ => 7,
        };
        if (m.Groups["after"].Success)
        {
            return Weekday(today, weekday, 2);
        }

        return m.Groups["pre"].Value.ToUpperInvariant() switch
        {
            "NEXT" => Weekday(today, weekday, 1),
            "THIS" or "COMING" when Weekday(today, weekday, 0) > today => Weekday(today, weekday, 0),
            _ => Weekday(today, weekday, -1),
        };
    }

    private static int HanWeekday(string day) => day switch
    {
        "一" => 1, "二" => 2, "三" => 3, "四" => 4, "五" => 5, "六" => 6, _ => 7,
    };

    private static DateOnly? MonthDay(DateOnly today, int? month, int? day, string year)
    {
        if (month is not (>= 1 and <= 12) || day is null)
        {
            return null;
        }

        var y = year switch
        {
            "明年" => today.Year + 1,
            "今年" or "" => today.Year,
            _ => int.Parse(year, CultureInfo.InvariantCulture),
        };
        if (day > DateTime.DaysInMonth(y, month.Value))
        {
            return null;
        }

        var date = new DateOnly(y, month.Value, day.Value);
        return year.Length == 0 && date.ToDateTime(TimeOnly.MinValue) < today.ToDateTime(TimeOnly.MinValue) - Lookback ? date.AddYears(1) : date;
    }

    private static DateOnly? MonthEnd(DateOnly today, int? month, int monthsAhead)
    {
        if (month is { } m)
        {
            var year = m < today.Month - 2 ? today.Year + 1 : today.Year;
            return new DateOnly(year, m, DateTime.DaysInMonth(year, m));
        }

        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(monthsAhead);
        return first.AddMonths(1).AddDays(-1);
    }

    private static Func<Match, string, DateOnly?> QuarterEnd(DateOnly today) => (m, text) =>
    {
        var q = Int(m.Groups["q"].Value)!.Value;
        var around = text[Math.Max(0, m.Index - 8)..Math.Min(text.Length, m.Index + m.Length + 12)];
        var nextYear = m.Groups["pre"].Success || m.Groups["post"].Success
            || around.Contains("明年", StringComparison.Ordinal) || around.Contains("next year", StringComparison.OrdinalIgnoreCase);
        var year = today.Year + (nextYear ? 1 : 0);
        var end = new DateOnly(year, q * 3, DateTime.DaysInMonth(year, q * 3));
        return end < today ? end.AddYears(1) : end;
    };

    private static DateOnly? NumericDate(DateOnly today, int a, int b, bool chinese)
    {
        if (a == 24 && b == 7)
        {
            return null;
        }

        // 15/03 is day/month; 3/15 is month/day; when either could be the month, English writes the day first
        // and Chinese the month.
        var (month, day) = b > 12 ? (a, b) : a > 12 ? (b, a) : chinese ? (a, b) : (b, a);
        return MonthDay(today, month, day, string.Empty);
    }

    private static DateOnly? DayOfMonthDate(DateOnly today, int? day)
    {
        if (day is not { } d)
        {
            return null;
        }

        var month = new DateOnly(today.Year, today.Month, 1);
        if (d < today.Day)
        {
            month = month.AddMonths(1);
        }

        return d <= DateTime.DaysInMonth(month.Year, month.Month) ? new DateOnly(month.Year, month.Month, d) : null;
    }

    private static int? Month(string name) => name.ToUpperInvariant()[..3] switch
    {
        "JAN" => 1, "FEB" => 2, "MAR" => 3, "APR" => 4, "MAY" => 5, "JUN" => 6,
        "JUL" => 7, "AUG" => 8, "SEP" => 9, "OCT" => 10, "NOV" => 11, "DEC" => 12, _ => null,
    };

    private static int? Int(string value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return n;
        }

        return value.ToUpperInvariant() switch
        {
            "A" or "ONE" => 1,
            "TWO" => 2,
            "THREE" => 3,
            "FOUR" => 4,
            _ when value.Length > 0 && value.All(c => HanDigits.Contains(c, StringComparison.Ordinal)) => (int?)ChineseNumerals.Parse(value),
            _ => null,
        };
    }
}
