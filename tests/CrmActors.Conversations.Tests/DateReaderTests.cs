namespace CrmActors.Conversations.Tests;

public sealed class DateReaderTests
{
    // Wednesday 4 March 2026.
    private static readonly DateOnly Wednesday = new(2026, 3, 4);

    [Theory]
    [InlineData("下周三下午", "2026-03-11")]
    [InlineData("下下周一开个会", "2026-03-16")]
    [InlineData("这周五之前", "2026-03-06")]
    [InlineData("周一再聊", "2026-03-09")]
    [InlineData("明天", "2026-03-05")]
    [InlineData("后天发您", "2026-03-06")]
    [InlineData("3月15号前签", "2026-03-15")]
    [InlineData("4月10日到货", "2026-04-10")]
    [InlineData("月底前", "2026-03-31")]
    [InlineData("下个月底之前", "2026-04-30")]
    [InlineData("6月底前要立项", "2026-06-30")]
    [InlineData("年底前换掉", "2026-12-31")]
    [InlineData("二季度末要定下来", "2026-06-30")]
    [InlineData("Q3要上线", "2026-09-30")]
    [InlineData("两周后", "2026-03-18")]
    [InlineData("next Tuesday", "2026-03-10")]
    [InlineData("on Friday", "2026-03-06")]
    [InlineData("this Friday", "2026-03-06")]
    [InlineData("Monday the 16th", "2026-03-16")]
    [InlineData("Monday after next", "2026-03-16")]
    [InlineData("the day after tomorrow", "2026-03-06")]
    [InlineData("tommorow morning", "2026-03-05")]
    [InlineData("by the end of the month", "2026-03-31")]
    [InlineData("before the end of next month", "2026-04-30")]
    [InlineData("by end of Q1", "2026-03-31")]
    [InlineData("by end of June", "2026-06-30")]
    [InlineData("before March 20", "2026-03-20")]
    [InlineData("by 15/03", "2026-03-15")]
    [InlineData("in two weeks", "2026-03-18")]
    [InlineData("before year end", "2026-12-31")]
    public void Find_Phrase_ResolvesAgainstTheDaySaid(string text, string expected)
    {
        var mention = Assert.Single(DateReader.Find(text, Wednesday));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), mention.Date);
    }

    [Theory]
    [InlineData("明年一季度投产", "2026-12-10", "2027-03-31")]
    [InlineData("1月15号办", "2026-12-10", "2027-01-15")]
    [InlineData("Q1 next year", "2026-09-30", "2027-03-31")]
    [InlineData("一季度末之前装好", "2026-05-14", "2027-03-31")]
    public void Find_PassedMonthOrQuarter_MeansNextYear(string text, string today, string expected)
    {
        var mention = Assert.Single(DateReader.Find(text, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), mention.Date);
    }

    [Theory]
    [InlineData("下周我去拜访")]
    [InlineData("过段时间再说")]
    [InlineData("let's talk next week")]
    [InlineData("we offer 24/7 support")]
    public void Find_VaguePhrase_IsNoDate(string text)
    {
        Assert.Empty(DateReader.Find(text, Wednesday));
    }
}
