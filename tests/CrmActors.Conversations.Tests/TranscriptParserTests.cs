namespace CrmActors.Conversations.Tests;

public sealed class TranscriptParserTests
{
    private static readonly DateTimeOffset Posted = Zones.At("2026-05-14T18:00:00+08:00");

    [Fact]
    public void Parse_DatedLines_ReadsSpeakersTimesAndTextOffsets()
    {
        const string text = "2026-03-04 10:01:12 李娜: 张主任您好\n2026-03-04 10:02:40 张主任：我们需要一台彩超";

        var transcript = TranscriptParser.Parse(text, Posted, Zones.Shanghai);

        Assert.Equal(["李娜", "张主任"], transcript.Speakers);
        var second = transcript.Utterances[1];
        Assert.Equal(Zones.At("2026-03-04T10:02:40+08:00"), second.At);
        Assert.Equal("我们需要一台彩超", text.Substring(second.Start, second.Text.Length));
        Assert.Equal("张主任", text.Substring(second.SpeakerStart, 3));
        Assert.Equal("chat", transcript.Kind);
    }

    [Fact]
    public void Parse_WeChatExportHeaders_TakesTheLineAfterEachHeaderAsItsMessage()
    {
        const string text = "——— 微信聊天记录导出 2026-05-14 ———\n周主任 2026/5/14 10:02:11\n我们科室要一台便携彩超\n预算120万元以内\n李娜 2026/5/14 10:03:00\n好的";

        var transcript = TranscriptParser.Parse(text, Posted, Zones.Shanghai);

        Assert.Equal(2, transcript.Utterances.Count);
        Assert.Equal("周主任", transcript.Utterances[0].Speaker);
        Assert.Equal("我们科室要一台便携彩超\n预算120万元以内", transcript.Utterances[0].Text);
        Assert.Equal(1, transcript.SkippedLines);
    }

    [Fact]
    public void Parse_WeComHeaderDateFirst_ReadsChineseDates()
    {
        const string text = "2026年5月14日 15:10 郭晓明\n你好，我是采购总监郭晓明";

        var utterance = Assert.Single(TranscriptParser.Parse(text, Posted, Zones.Shanghai).Utterances);

        Assert.Equal("郭晓明", utterance.Speaker);
        Assert.Equal(Zones.At("2026-05-14T15:10:00+08:00"), utterance.At);
    }

    [Fact]
    public void Parse_CallTranscriptWithOffsets_CountsFromTheCallStart()
    {
        const string text = "Call recording transcript - 2026-05-14 15:00\nAgent (00:00:03): Thanks for taking the call\nCustomer (00:01:02): We have roughly $80k";

        var transcript = TranscriptParser.Parse(text, Posted, Zones.Shanghai);

        Assert.Equal("call", transcript.Kind);
        Assert.Equal(Zones.At("2026-05-14T15:01:02+08:00"), transcript.Utterances[1].At);
        Assert.Equal("Customer", transcript.Utterances[1].Speaker);
    }

    [Theory]
    [InlineData("5/14/2026, 10:05 AM - Michael Zhang: We need two ultrasound machines", "Michael Zhang", "2026-05-14T10:05:00+08:00")]
    [InlineData("14.05.2026 09:01 Hu: This is Dr. Hu", "Hu", "2026-05-14T09:01:00+08:00")]
    [InlineData("Claire [1:20 PM]: Hi Amy", "Claire", "2026-05-14T13:20:00+08:00")]
    [InlineData("[09:01] David: David, CFO", "David", "2026-05-14T09:01:00+08:00")]
    [InlineData("2026-03-04 10:00:00 Amy: Great", "Amy", "2026-03-04T10:00:00+08:00")]
    public void Parse_TimestampFormats_ReadSpeakerAndLocalTime(string line, string speaker, string at)
    {
        var utterance = Assert.Single(TranscriptParser.Parse(line, Posted, Zones.Shanghai).Utterances);

        Assert.Equal(speaker, utterance.Speaker);
        Assert.Equal(Zones.At(at), utterance.At);
    }

    [Fact]
    public void Parse_PlainSpeakerLines_EachLineIsAMessage()
    {
        const string text = "李娜: 张主任您好\n张主任: 预算大概80万\n李娜: 下周三演示";

        var transcript = TranscriptParser.Parse(text, Posted, Zones.Shanghai);

        Assert.Equal(["李娜", "张主任", "李娜"], transcript.Utterances.Select(u => u.Speaker));
        Assert.All(transcript.Utterances, u => Assert.Equal(Posted, u.At));
    }

    [Fact]
    public void Parse_ColonInsideATimedExport_ContinuesTheMessage()
    {
        const string text = "2026-03-04 10:01:12 张主任: 我们的要求如下\n预算：80万\n2026-03-04 10:02:00 李娜: 收到";

        var transcript = TranscriptParser.Parse(text, Posted, Zones.Shanghai);

        Assert.Equal(2, transcript.Utterances.Count);
        Assert.Equal("我们的要求如下\n预算：80万", transcript.Utterances[0].Text);
    }

    [Fact]
    public void Parse_NoSpeakerAnywhere_ReadsNothing()
    {
        var transcript = TranscriptParser.Parse("just some notes without speakers\nand another line", Posted, Zones.Shanghai);

        Assert.Empty(transcript.Utterances);
        Assert.Equal(2, transcript.SkippedLines);
    }
}
