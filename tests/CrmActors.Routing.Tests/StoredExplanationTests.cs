using System.Globalization;
using System.Text.Json;

namespace CrmActors.Routing.Tests;

/// <summary>What is kept with the lead: the best breakdowns in full, every other eligible one compact, the rest by reason.</summary>
public sealed class StoredExplanationTests
{
    private static readonly RepProfile[] Roster =
    [
        .. Enumerable.Range(0, 15).Select(i => Build.Rep(string.Create(CultureInfo.InvariantCulture, $"rep-{i:00}"), "sales") with
        {
            Capacity = 10,
            Industries = i % 2 == 0 ? ["finance"] : [],
        }),
        Build.Rep("rep-away", "sales") with { OnLeaveUntil = Build.Now.AddDays(3) },
        Build.Rep("rep-off", "sales") with { Active = false },
        Build.Rep("rep-full", "sales") with { Capacity = 1 },
    ];

    private static RoutingDecision Decide() =>
        Build.Compile(Build.Set(Build.ToGroup("sales")), Roster)
            .Route(Build.Lead("website_form") with { Industry = "finance" }, Build.Loads(("rep-full", 1, 0)), Build.Now);

    [Fact]
    public void Condense_LargeTarget_KeepsTopBreakdownsInFullEveryOtherCompactInRankOrderAndTheRestByReason()
    {
        var full = Decide();

        var stored = StoredExplanation.Condense(full);

        var ranked = full.Candidates.Where(c => c.Eligible).ToArray();
        Assert.Equal(ranked.Take(StoredExplanation.BreakdownsKept).Select(c => c.RepId), stored.Candidates.Select(c => c.RepId));
        Assert.All(stored.Candidates, c => Assert.Equal(c.Total, c.Components.Sum(x => x.Contribution), 9));
        var others = stored.OtherEligible!;
        Assert.Equal(ranked.Skip(StoredExplanation.BreakdownsKept).Select(c => c.RepId), others.Select(c => c.RepId));
        Assert.Equal(ranked.Skip(StoredExplanation.BreakdownsKept).Select(c => c.Rank!.Value), others.Select(c => c.Rank));
        foreach (var compact in others)
        {
            // Each compact breakdown gives back its total and the same raw values as the full one.
            var original = ranked.Single(c => c.RepId == compact.RepId);
            Assert.Equal(original.Components.Select(c => (int)Math.Round(c.Raw * 1000)), compact.Raw);
            Assert.Equal(compact.Total, compact.Raw.Select((raw, i) => stored.ComponentWeights![i] * raw / 1000.0).Sum(), 2);
        }

        Assert.Equal(["rep-away"], stored.ExcludedByReason![CandidateExclusion.OnLeave]);
        Assert.Equal(["rep-off"], stored.ExcludedByReason[CandidateExclusion.Inactive]);
        Assert.Equal(["rep-full"], stored.ExcludedByReason[CandidateExclusion.AtCapacity]);
        Assert.Equal(full.ChosenRepId, stored.ChosenRepId);

        var json = JsonSerializer.Serialize(stored, RoutingJson.Options);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(["rep-off"], document.RootElement.GetProperty("excludedByReason").GetProperty("inactive").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(15 - StoredExplanation.BreakdownsKept, document.RootElement.GetProperty("otherEligible").GetArrayLength());
        Assert.Equal(ScoreComponents.All.Count, document.RootElement.GetProperty("componentWeights").GetArrayLength());
    }

    [Fact]
    public void Condense_AGroupOfHundreds_KeepsTheTopCompactOnesAndCountsTheRest()
    {
        var roster = Enumerable.Range(0, 300).Select(i => Build.Rep(string.Create(CultureInfo.InvariantCulture, $"rep-{i:000}"), "sales") with { Capacity = 10 }).ToArray();
        var full = Build.Compile(Build.Set(Build.ToGroup("sales")), roster).Route(Build.Lead("website_form"), Build.Loads(), Build.Now);

        var stored = StoredExplanation.Condense(full);

        var ranked = full.Candidates.Where(c => c.Eligible).Select(c => c.RepId).ToArray();
        Assert.Equal(ranked.Take(StoredExplanation.BreakdownsKept), stored.Candidates.Select(c => c.RepId));
        Assert.Equal(ranked.Skip(StoredExplanation.BreakdownsKept).Take(StoredExplanation.CompactKept), stored.OtherEligible!.Select(c => c.RepId));
        Assert.Equal(300 - StoredExplanation.BreakdownsKept - StoredExplanation.CompactKept, stored.OtherEligibleNotKept);
        Assert.True(JsonSerializer.Serialize(stored, RoutingJson.Options).Length < 6_000);
    }

    [Fact]
    public void Route_CandidatePastTheKeptBreakdowns_StillExplainsItsTotalWhenAsked()
    {
        var last = Decide().Candidates.Where(c => c.Eligible).Last();

        Assert.Equal(15, last.Rank);
        Assert.Equal(ScoreComponents.All, last.Components.Select(c => c.Name));
        Assert.Equal(last.Total, last.Components.Sum(c => c.Contribution), 9);
        Assert.Equal(0, last.Component(ScoreComponents.Industry).Raw);
    }
}
