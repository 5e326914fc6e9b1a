using CrmActors.Conversations.Benchmark;

namespace CrmActors.Conversations.Tests;

/// <summary>
/// The benchmark on the held-out half: targets from issue 19 (precision at least 0.9 on budget and dates, recall at
/// least 0.8 on every field). The rules were tuned on the dev half only.
/// </summary>
public sealed class LabelledSetTests
{
    private static IReadOnlyList<LabelledConversation> Half(string name) =>
        LabelledSet.Read(Path.Combine(AppContext.BaseDirectory, "Labelled", name + ".txt"));

    [Theory]
    [InlineData("dev")]
    [InlineData("heldout")]
    public void LabelledSet_EachHalf_HasHundredConversationsHalfChinese(string half)
    {
        var all = Half(half);

        Assert.Equal(100, all.Count);
        Assert.Equal(50, all.Count(c => c.Id.StartsWith("zh-", StringComparison.Ordinal)));
        Assert.Equal(all.Count, all.Select(c => c.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Benchmark_HeldOutHalf_MeetsTheTargets()
    {
        var scores = ConversationBenchmark.Score(Half("heldout"), Zones.Shanghai).ToDictionary(s => s.Field, StringComparer.Ordinal);

        Assert.True(scores["budget"].Precision >= 0.9, ConversationBenchmark.Table([.. scores.Values]));
        Assert.True(scores["dates"].Precision >= 0.9, ConversationBenchmark.Table([.. scores.Values]));
        Assert.All(scores.Values, s => Assert.True(s.Recall >= 0.8, $"{s.Field} recall {s.Recall:0.00}"));
    }
}
