namespace CrmActors.Conversations.Tests;

public sealed class ConversationActivityTests
{
    private const string Chat = """
        2026-03-04 10:02:40 张主任: 我是超声科主任张伟，科室需要一台高端彩超
        2026-03-04 10:05:03 张主任: 预算大概80万，迈瑞那边也来报过价，你们的价格有点贵
        2026-03-04 10:07:55 李娜: 月底前给您报价，下周三带机器过来给您现场演示
        """;

    [Fact]
    public void Propose_Chat_IsAWeChatChatWithOutcomeBudgetTagsAndTheFirstPromisedDayAtNine()
    {
        var (fields, lastAt) = Draft(Chat);

        var proposal = ConversationActivity.Propose(fields, channel: null, lastAt, Zones.Shanghai);

        Assert.Equal("wechat-chat", proposal.Type);
        Assert.Equal("800000", proposal.Fields["budget"]);
        Assert.Equal("张伟 (超声科主任)", proposal.Fields["attendees"]);
        Assert.Contains("Budget: 800,000 CNY", proposal.Fields["outcome"], StringComparison.Ordinal);
        Assert.Contains("Next step: demo", proposal.Summary, StringComparison.Ordinal);
        Assert.Equal(["objection:price", "competitor:mindray"], proposal.Tags);
        // 下周三 (11 March) comes before 月底 (31 March).
        Assert.Equal(Zones.At("2026-03-11T09:00:00+08:00"), proposal.NextFollowUpAt);
    }

    [Fact]
    public void Propose_CallChannel_IsACall_AndAForeignBudgetStaysOutOfTheBudgetField()
    {
        var (fields, lastAt) = Draft("2026-03-04 10:00:00 Tom: We need a CRM, budget is $50,000\n2026-03-04 10:01:00 Amy: I'll call you tomorrow");

        var proposal = ConversationActivity.Propose(fields, channel: "call", lastAt, Zones.Shanghai);

        Assert.Equal("call", proposal.Type);
        Assert.False(proposal.Fields.ContainsKey("budget"));
        Assert.Contains("50,000 USD", proposal.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Propose_OnlyDatesAlreadyPast_SuggestsNoFollowUp()
    {
        var (fields, lastAt) = Draft("2026-03-04 10:00:00 王总: 我们3月1号就定了\n2026-03-04 10:01:00 rep: 好的");

        var proposal = ConversationActivity.Propose(fields, channel: null, lastAt, Zones.Shanghai);

        Assert.Null(proposal.NextFollowUpAt);
    }

    private static (ConversationFields Fields, DateTimeOffset LastAt) Draft(string text)
    {
        var transcript = TranscriptParser.Parse(text, Zones.At("2026-03-04T18:00:00+08:00"), Zones.Shanghai);
        var rep = transcript.Speakers.FirstOrDefault(s => s is "李娜" or "Amy" or "rep") ?? string.Empty;
        return (ConversationExtractor.Extract(transcript, [rep], Zones.Shanghai), transcript.Utterances.Max(u => u.At));
    }
}
