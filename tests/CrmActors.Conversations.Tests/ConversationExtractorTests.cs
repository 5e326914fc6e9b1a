namespace CrmActors.Conversations.Tests;

public sealed class ConversationExtractorTests
{
    private const string Chinese = """
        2026-03-04 10:01:12 李娜: 张主任您好，我是迈康医疗的李娜
        2026-03-04 10:02:40 张主任: 我是超声科主任张伟，科室需要一台高端彩超
        2026-03-04 10:05:03 张主任: 预算五十万左右，迈瑞那边也来报过价
        2026-03-04 10:06:21 张主任: 你们的价格有点贵，而且要院领导批
        2026-03-04 10:07:55 李娜: 理解，下周三带机器过来给您现场演示可以吗？
        2026-03-04 10:08:30 张主任: 可以，月底前要定下来
        """;

    private const string English = """
        [2026-03-04 14:10] Tom Becker: Tom here, head of sales. We're on Salesforce today
        [2026-03-04 14:11] Amy: Got it Tom. What would a replacement need to do?
        [2026-03-04 14:13] Tom Becker: We want a simpler CRM with WeChat integration. Budget is 5 million
        [2026-03-04 14:14] Tom Becker: I'm worried about migrating our data, and we decide by end of Q1
        [2026-03-04 14:15] Amy: I'll send you a proposal next Tuesday
        """;

    [Fact]
    public void Extract_ChineseChat_DraftsEveryField()
    {
        var fields = Extract(Chinese, "李娜");

        Assert.Equal("张伟", fields.ContactName?.Value);
        Assert.Equal("超声科主任", fields.ContactRole?.Value);
        Assert.Contains("彩超", fields.Need?.Value, StringComparison.Ordinal);
        Assert.Equal(500_000m, fields.Budget?.Max);
        Assert.Null(fields.Budget?.Min);
        Assert.Equal([new DateOnly(2026, 3, 11), new DateOnly(2026, 3, 31)], fields.Dates.Select(d => d.Date));
        Assert.Equal(["Mindray"], fields.Competitors.Select(c => c.Value));
        Assert.Equal(["price", "authority"], fields.Objections.Select(o => o.Value));
        Assert.Equal("demo", fields.NextStep?.Value);
        Assert.Equal(["李娜"], fields.RepSpeakers);
    }

    [Fact]
    public void Extract_EnglishChat_DraftsEveryField()
    {
        var fields = Extract(English, "Amy");

        Assert.Equal("Tom Becker", fields.ContactName?.Value);
        Assert.Equal("head of sales", fields.ContactRole?.Value);
        Assert.Contains("CRM", fields.Need?.Value, StringComparison.Ordinal);
        Assert.Equal(5_000_000m, fields.Budget?.Max);
        Assert.Equal("CNY", fields.Budget?.Currency);
        Assert.Equal([new DateOnly(2026, 3, 31), new DateOnly(2026, 3, 10)], fields.Dates.Select(d => d.Date));
        Assert.Equal(["Salesforce"], fields.Competitors.Select(c => c.Value));
        Assert.Equal(["incumbent", "risk"], fields.Objections.Select(o => o.Value));
        Assert.Equal("quote", fields.NextStep?.Value);
    }

    [Theory]
    [InlineData("李娜")]
    [InlineData("Amy")]
    public void Extract_EveryEvidence_IsTheTextAtItsOffsetInWhatWasPosted(string rep)
    {
        var text = rep == "Amy" ? English : Chinese;
        var fields = Extract(text, rep);

        var evidence = new[] { fields.ContactName, fields.ContactRole, fields.Need, fields.NextStep }.Select(f => f!.Evidence)
            .Append(fields.Budget!.Evidence)
            .Concat(fields.Dates.Select(d => d.Evidence))
            .Concat(fields.Competitors.Concat(fields.Objections).Select(f => f.Evidence))
            .ToList();

        Assert.All(evidence, e => Assert.Equal(e.Text, text.Substring(e.Start, e.Length)));
    }

    [Fact]
    public void Extract_Evidence_NamesTheClauseSpeakerAndTime()
    {
        var fields = Extract(Chinese, "李娜");

        Assert.Equal("预算五十万左右", fields.Budget!.Evidence.Text);
        Assert.Equal("张主任", fields.Budget.Evidence.Speaker);
        Assert.Equal(Zones.At("2026-03-04T10:05:03+08:00"), fields.Budget.Evidence.At);
        Assert.Equal("下周三", fields.Dates[0].Phrase);
    }

    [Fact]
    public void Extract_CompetitorQuoteBesideBudget_TakesTheBudget()
    {
        var fields = Extract("2026-03-04 14:31:00 卢经理：纷享销客报了12万，我们预算只有8万\n2026-03-04 14:32:00 王强：卢经理，下周三给您演示", "王强");

        Assert.Equal(80_000m, fields.Budget?.Max);
        Assert.Equal(["Fxiaoke"], fields.Competitors.Select(c => c.Value));
    }

    [Fact]
    public void Extract_DatesInMessagesOfDifferentDays_ResolveAgainstEachMessage()
    {
        const string text = "2026-03-02 09:00:00 王总: 明天再聊\n2026-03-04 09:00:00 王总: 明天可以";

        var fields = Extract(text, "rep");

        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 5)], fields.Dates.Select(d => d.Date));
    }

    [Fact]
    public void Extract_NoRepNamed_GuessesOurSideFromWhoPromises()
    {
        var fields = Extract("2026-03-04 09:00:00 Sam: We need a CRM, budget 200k\n2026-03-04 09:01:00 Kim: I'll send you a quote tomorrow", string.Empty);

        Assert.Equal(["Kim"], fields.RepSpeakers);
        Assert.Equal("Sam", fields.ContactName?.Value);
        Assert.Equal("quote", fields.NextStep?.Value);
    }

    private static ConversationFields Extract(string text, string rep) =>
        ConversationExtractor.Extract(TranscriptParser.Parse(text, Zones.At("2026-03-04T18:00:00+08:00"), Zones.Shanghai), [rep], Zones.Shanghai);
}
