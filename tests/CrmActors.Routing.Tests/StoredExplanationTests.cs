using System.Globalization;
using System.Text.Json;

namespace CrmActors.Routing.Tests;

/// <summary>
/// What is kept with the lead (the best eligible candidates as totals and raw values, the rest counted or by reason) and
/// what is shown from it (the best breakdowns rebuilt in full).
/// </summary>
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
            .Route(Build.Lead("website_form") with { Industry = "finance" }, Build.Loads(("rep-full", 1, 0), ("rep-02", 3, 2)), Build.Now);

    [Fact]
    public void Condense_KeepsTheBestEligibleAsRawValuesInRankOrder_CountsTheRest_AndListsTheOthersByReason()
    {
        var full = Decide();

        var stored = StoredExplanation.Condense(full);

        var ranked = full.Candidates.Where(c => c.Eligible).ToArray();
        Assert.Empty(stored.Candidates);
        var kept = stored.OtherEligible!;
        Assert.Equal(ranked.Take(StoredExplanation.EligibleKept).Select(c => (c.RepId, c.Rank!.Value)), kept.Select(c => (c.RepId, c.Rank)));
        Assert.Equal(15 - StoredExplanation.EligibleKept, stored.OtherEligibleNotKept);
        foreach (var compact in kept)
        {
            var original = ranked.Single(c => c.RepId == compact.RepId);
            Assert.Equal(original.Components.Select(c => (int)Math.Round(c.Raw * 1000)), compact.Raw);
            Assert.Equal(Math.Round(original.Total, 4), compact.Total);
            // Only the best keep the load the decision read.
            Assert.Equal(compact.Rank <= StoredExplanation.BreakdownsShown ? original.Load : null, compact.Load);
        }

        Assert.Equal(ranked[0].Components.Select(c => c.Weight), stored.ComponentWeights);
        Assert.Null(stored.ComponentNames);
        Assert.Equal(["rep-away"], stored.ExcludedByReason![CandidateExclusion.OnLeave]);
        Assert.Equal(["rep-off"], stored.ExcludedByReason[CandidateExclusion.Inactive]);
        Assert.Equal(["rep-full"], stored.ExcludedByReason[CandidateExclusion.AtCapacity]);
        Assert.Equal((full.ChosenRepId, full.Notes, full.Shortlist), (stored.ChosenRepId, stored.Notes, stored.Shortlist));
    }

    [Fact]
    public void Expand_TheStoredDecision_RebuildsTheBestBreakdownsAsTheRouterComputedThem()
    {
        var full = Decide();

        var shown = StoredExplanation.Expand(StoredExplanation.Condense(full));

        var best = full.Candidates.Where(c => c.Eligible).Take(StoredExplanation.BreakdownsShown).ToArray();
        Assert.Equal(best.Select(c => (c.RepId, c.Rank, c.Load)), shown.Candidates.Select(c => (c.RepId, c.Rank, c.Load)));
        foreach (var (original, rebuilt) in best.Zip(shown.Candidates))
        {
            Assert.True(rebuilt.Eligible);
            Assert.Equal(original.Components.Select(c => (c.Name, c.Weight)), rebuilt.Components.Select(c => (c.Name, c.Weight)));
            // Raw values to the thousandth they were stored with; the contributions follow, and still add up to the total.
            Assert.All(original.Components.Zip(rebuilt.Components), pair => Assert.Equal(pair.First.Raw, pair.Second.Raw, 0.0005));
            Assert.All(rebuilt.Components, c => Assert.Equal(c.Weight * c.Raw, c.Contribution, 12));
            Assert.Equal(original.Total, rebuilt.Total, 4);
            Assert.Equal(rebuilt.Total, rebuilt.Components.Sum(c => c.Contribution), 2);
        }

        Assert.Equal(
            full.Candidates.Where(c => c.Eligible).Skip(StoredExplanation.BreakdownsShown).Take(StoredExplanation.EligibleKept - StoredExplanation.BreakdownsShown).Select(c => c.RepId),
            shown.OtherEligible!.Select(c => c.RepId));
        Assert.Equal(StoredExplanation.Shown(full).Candidates.Select(c => c.RepId), shown.Candidates.Select(c => c.RepId));
    }

    [Fact]
    public void ExpandJson_AStoredRow_ShowsTheBreakdownsByName_AndAnOlderRowOrNoDecisionComesBackAsItWas()
    {
        var stored = JsonSerializer.Serialize(StoredExplanation.Condense(Decide()), RoutingJson.Options);

        using var shown = JsonDocument.Parse(StoredExplanation.ExpandJson(stored));

        var first = shown.RootElement.GetProperty("candidates")[0];
        Assert.Equal(ScoreComponents.All, first.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("none", first.GetProperty("exclusion").GetString());
        Assert.Equal(StoredExplanation.EligibleKept - StoredExplanation.BreakdownsShown, shown.RootElement.GetProperty("otherEligible").GetArrayLength());

        // Rows stored before explanations were kept compact already list their best candidates in full.
        var older = JsonSerializer.Serialize(StoredExplanation.Shown(Decide()), RoutingJson.Options);
        Assert.Same(older, StoredExplanation.ExpandJson(older));
        Assert.Equal("{}", StoredExplanation.ExpandJson("{}"));
        Assert.Equal("not json", StoredExplanation.ExpandJson("not json"));
    }

    [Fact]
    public void Condense_NobodyEligible_KeepsTheReasonsAndShowsNoCandidate()
    {
        var full = Build.Compile(Build.Set(Build.ToGroup("sales")), [Build.Rep("rep-full", "sales") with { Capacity = 1 }])
            .Route(Build.Lead("website_form"), Build.Loads(("rep-full", 1, 0)), Build.Now);

        var shown = StoredExplanation.Expand(StoredExplanation.Condense(full));

        Assert.Null(full.ChosenRepId);
        Assert.Empty(shown.Candidates);
        Assert.Null(shown.OtherEligible);
        Assert.Equal(["rep-full"], shown.ExcludedByReason![CandidateExclusion.AtCapacity]);
    }

    [Fact]
    public void Condense_AGroupOfHundreds_StoresWhatAGroupOfTenDoes()
    {
        static string StoredFor(int reps)
        {
            var roster = Enumerable.Range(0, reps).Select(i => Build.Rep(string.Create(CultureInfo.InvariantCulture, $"rep-{i:000}"), "sales") with { Capacity = 10 }).ToArray();
            return JsonSerializer.Serialize(StoredExplanation.Condense(Build.Compile(Build.Set(Build.ToGroup("sales")), roster).Route(Build.Lead("website_form"), Build.Loads(), Build.Now)), RoutingJson.Options);
        }

        var ten = StoredFor(10);
        var hundreds = StoredFor(300);

        // The same length but for the count of those not kept ("otherEligibleNotKept":290 against null).
        Assert.InRange(hundreds.Length - ten.Length, -5, 5);
        Assert.True(hundreds.Length < 2_000, $"{hundreds.Length} characters");
        Assert.Equal(290, JsonDocument.Parse(hundreds).RootElement.GetProperty("otherEligibleNotKept").GetInt32());
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
