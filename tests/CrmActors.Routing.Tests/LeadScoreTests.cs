using System.Globalization;
using System.Text.Json;

namespace CrmActors.Routing.Tests;

/// <summary>
/// The lead's score (its win probability) weighs each rep's record of closing: off by default, changing nothing then;
/// when weighed, a hot lead goes to the proven closer, a cold one still by the other components, and the breakdown,
/// the stored explanation and the notes show it.
/// </summary>
public sealed class LeadScoreTests
{
    private static readonly RuleSet ToSales = Build.Set(Build.ToGroup("sales"));

    /// <summary>A rep with 20 wins of a kind unlike the leads below: closing strength 20 / (20 + 5) = 0.8, no past-wins match.</summary>
    private static readonly RepProfile Closer = Build.Rep("rep-closer", "sales") with
    {
        Wins = [new WinRecord("finance", "erp", null, 12), new WinRecord("retail", null, null, 8)],
    };

    /// <summary>Covers the leads' industry (3 points by default) but never closed a deal.</summary>
    private static readonly RepProfile Specialist = Build.Rep("rep-medical", "sales") with { Industries = ["medical"] };

    private static RoutingLead MedicalLead(double? score) => Build.Lead("website_form") with { Industry = "medical", Score = score };

    private static RuleSet Weighing(double weight) => ToSales with { Weights = new ScoringWeights { LeadScore = weight } };

    [Fact]
    public void WeightZero_ByDefault_RankingsTotalsAndJsonAreThoseOfALeadWithoutScore()
    {
        Assert.Equal(0, ScoringWeights.Default.LeadScore);
        var roster = new[] { Closer, Specialist, Build.Rep("rep-new", "sales") };
        var router = Build.Compile(ToSales, roster);
        var loads = Build.Loads(("rep-closer", 2, 1), ("rep-new", 5, 0));

        var hot = router.Route(MedicalLead(0.97), loads, Build.Now);
        var unscored = router.Route(MedicalLead(null), loads, Build.Now);

        Assert.Equal(unscored.Candidates.Select(c => (c.RepId, c.Rank, c.Total)), hot.Candidates.Select(c => (c.RepId, c.Rank, c.Total)));
        Assert.All(hot.Candidates, c => Assert.Equal(ScoreComponents.All, c.Components.Select(x => x.Name)));
        Assert.Null(hot.LeadScore);
        Assert.Equal(unscored.Notes, hot.Notes);
        Assert.Equal(
            JsonSerializer.Serialize(StoredExplanation.Condense(unscored), RoutingJson.Options),
            JsonSerializer.Serialize(StoredExplanation.Condense(hot), RoutingJson.Options));
    }

    [Fact]
    public void Weighed_HotLead_GoesToTheProvenCloser()
    {
        var router = Build.Compile(Weighing(6), Closer, Specialist);

        var decision = router.Route(MedicalLead(0.9), Build.NoLoads, Build.Now);

        Assert.Equal("rep-closer", decision.ChosenRepId);
        var component = decision.Candidate("rep-closer").Component(ScoreComponents.LeadScore);
        Assert.Equal(0.9 * 0.8, component.Raw, 12);
        Assert.Equal(6, component.Weight);
        Assert.Equal(6 * 0.9 * 0.8, component.Contribution, 12);
        Assert.Equal(0, decision.Candidate("rep-medical").Component(ScoreComponents.LeadScore).Raw);
    }

    [Fact]
    public void Weighed_ColdLead_StillGoesByTheOtherComponents()
    {
        var router = Build.Compile(Weighing(6), Closer, Specialist);

        var decision = router.Route(MedicalLead(0.05), Build.NoLoads, Build.Now);

        // 6 x 0.05 x 0.8 = 0.24 points for the closer, less than the specialist's 3 for the industry.
        Assert.Equal("rep-medical", decision.ChosenRepId);
        Assert.Equal(0.24, decision.Candidate("rep-closer").Component(ScoreComponents.LeadScore).Contribution, 12);
    }

    [Fact]
    public void Weighed_Breakdown_ListsLeadScoreLastAndTheDecisionSaysWhatItWeighed()
    {
        var router = Build.Compile(Weighing(2), Closer, Specialist);

        var decision = router.Route(MedicalLead(0.6), Build.NoLoads, Build.Now);

        Assert.All(decision.Candidates, candidate =>
        {
            Assert.Equal([.. ScoreComponents.All, ScoreComponents.LeadScore], candidate.Components.Select(c => c.Name));
            Assert.Equal(candidate.Components.Sum(c => c.Contribution), candidate.Total, 9);
        });
        Assert.Equal(0.6, decision.LeadScore);
        Assert.Contains("The lead's score 0.6 (its win probability) weighs each rep's closing record (leadScore).", decision.Notes);
    }

    [Fact]
    public void Weighed_UnknownScore_CountsZeroForEveryoneAndTheNotesSaySo()
    {
        var router = Build.Compile(Weighing(6), Closer, Specialist);

        var decision = router.Route(MedicalLead(null), Build.NoLoads, Build.Now);

        Assert.Equal("rep-medical", decision.ChosenRepId);
        Assert.All(decision.Candidates, c => Assert.Equal(0, c.Component(ScoreComponents.LeadScore).Raw));
        Assert.Null(decision.LeadScore);
        Assert.Contains("The lead's score is unknown (no model answered), so leadScore counts 0 for every rep.", decision.Notes);
    }

    [Fact]
    public void Weighed_StoredExplanation_KeepsLeadScoreInEveryCompactBreakdownAndShowsItByName()
    {
        var roster = Enumerable.Range(0, 8)
            .Select(i => Build.Rep(string.Create(CultureInfo.InvariantCulture, $"rep-{i}"), "sales") with { Wins = [new WinRecord(null, null, null, i * 5)] })
            .ToArray();
        var full = Build.Compile(Weighing(4), roster).Route(MedicalLead(0.75), Build.NoLoads, Build.Now);

        var stored = StoredExplanation.Condense(full);

        Assert.Equal("rep-7", full.ChosenRepId);
        Assert.Equal(ScoreComponents.All.Count + 1, stored.ComponentWeights!.Count);
        Assert.Equal(4, stored.ComponentWeights[^1]);
        foreach (var compact in stored.OtherEligible!)
        {
            var original = full.Candidate(compact.RepId);
            Assert.Equal((int)Math.Round(original.Component(ScoreComponents.LeadScore).Raw * 1000), compact.Raw[^1]);
            Assert.Equal(compact.Total, compact.Raw.Select((raw, i) => stored.ComponentWeights[i] * raw / 1000.0).Sum(), 2);
        }

        // Shown, the best breakdown names the component and gives its raw value to the thousandth it was stored with.
        using var json = JsonDocument.Parse(StoredExplanation.ExpandJson(JsonSerializer.Serialize(stored, RoutingJson.Options)));
        Assert.Equal(0.75, json.RootElement.GetProperty("leadScore").GetDouble());
        var best = json.RootElement.GetProperty("candidates")[0].GetProperty("components").EnumerateArray().Last();
        Assert.Equal(("leadScore", 4.0), (best.GetProperty("name").GetString(), best.GetProperty("weight").GetDouble()));
        Assert.Equal(Math.Round(0.75 * 35 / 40, 3), best.GetProperty("raw").GetDouble(), 12);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Score_OutsideZeroToOne_IsRefusedNamingTheField(double score)
    {
        var router = Build.Compile(Weighing(1), Closer);
        var lead = MedicalLead(score);

        Assert.Equal("score", lead.Check()!.Value.Field);
        var refused = Assert.Throws<ArgumentException>(() => router.Route(lead, Build.NoLoads, Build.Now));
        Assert.Contains("'score'", refused.Message, StringComparison.Ordinal);
        var sample = new SampleLead { Channel = "website_form", Score = score };
        Assert.Equal("leads[2].score", sample.Check("leads[2]")!.Value.Field);
        Assert.Null((sample with { Score = 1 }).Check("leads[2]"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Weight_NegativeOrNotANumber_IsRejectedNamingTheField(double weight)
    {
        var errors = RuleSetValidator.Validate(Weighing(weight), [Closer]);

        var error = Assert.Single(errors);
        Assert.Equal("weights.leadScore", error.Path);
        Assert.Contains("at least 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_AuthoredAsJson_IsReadAndEveryOtherWeightKeepsItsDefault()
    {
        const string Json = """{ "rules": [], "fallback": { "target": { "kind": "group", "id": "sales" } }, "weights": { "leadScore": 2.5 } }""";

        var ruleSet = JsonSerializer.Deserialize<RuleSet>(Json, RoutingJson.Options)!;

        Assert.Equal(ScoringWeights.Default with { LeadScore = 2.5 }, ruleSet.Weights);
        Assert.Empty(RuleSetValidator.Validate(ruleSet, [Closer]));
    }
}
