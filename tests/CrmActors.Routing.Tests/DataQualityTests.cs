using System.Text.Json;

namespace CrmActors.Routing.Tests;

/// <summary>
/// A rep's recent data quality as a score component: off by default, changing nothing then; when weighed, it breaks a
/// tie toward the rep with clean records, is listed last (after leadScore when both are weighed), and the notes say so.
/// </summary>
public sealed class DataQualityTests
{
    private static readonly RuleSet ToSales = Build.Set(Build.ToGroup("sales"));

    // "rep-a" wins a tie by id; "rep-b" keeps the cleaner records.
    private static readonly RepProfile Sloppy = Build.Rep("rep-a", "sales") with { DataQuality = 0.3 };

    private static readonly RepProfile Clean = Build.Rep("rep-b", "sales") with { DataQuality = 0.95 };

    private static RuleSet Weighing(double weight, double leadScore = 0) =>
        ToSales with { Weights = new ScoringWeights { DataQuality = weight, LeadScore = leadScore } };

    [Fact]
    public void WeightZero_ByDefault_TheTieGoesByIdAndNothingListsTheComponent()
    {
        Assert.Equal(0, ScoringWeights.Default.DataQuality);
        var withQuality = Build.Compile(ToSales, Sloppy, Clean).Route(Build.Lead("website_form"), Build.NoLoads, Build.Now);
        var without = Build.Compile(ToSales, Sloppy with { DataQuality = null }, Clean with { DataQuality = null }).Route(Build.Lead("website_form"), Build.NoLoads, Build.Now);

        Assert.Equal("rep-a", withQuality.ChosenRepId);
        Assert.All(withQuality.Candidates, c => Assert.Equal(ScoreComponents.All, c.Components.Select(x => x.Name)));
        Assert.Equal(without.Notes, withQuality.Notes);
        Assert.Equal(
            JsonSerializer.Serialize(StoredExplanation.Condense(without), RoutingJson.Options),
            JsonSerializer.Serialize(StoredExplanation.Condense(withQuality), RoutingJson.Options));
    }

    [Fact]
    public void Weighed_ATie_GoesToTheRepWithCleanRecords()
    {
        var decision = Build.Compile(Weighing(2), Sloppy, Clean).Route(Build.Lead("website_form"), Build.NoLoads, Build.Now);

        Assert.Equal("rep-b", decision.ChosenRepId);
        var component = decision.Candidate("rep-b").Component(ScoreComponents.DataQuality);
        Assert.Equal((0.95, 2.0, 1.9), (component.Raw, component.Weight, component.Contribution));
        Assert.Equal(0.6, decision.Candidate("rep-a").Component(ScoreComponents.DataQuality).Contribution, 12);
        Assert.Contains(decision.Notes, n => n.Contains("(dataQuality)", StringComparison.Ordinal));
    }

    [Fact]
    public void Weighed_UnknownQuality_CountsZero()
    {
        var decision = Build.Compile(Weighing(2), Sloppy with { DataQuality = null }, Clean).Route(Build.Lead("website_form"), Build.NoLoads, Build.Now);

        Assert.Equal(0, decision.Candidate("rep-a").Component(ScoreComponents.DataQuality).Raw);
    }

    [Fact]
    public void Weighed_ExperienceStillOutweighsASmallWeight()
    {
        var specialist = Sloppy with { Industries = ["medical"] };

        var decision = Build.Compile(Weighing(1), specialist, Clean).Route(Build.Lead("website_form") with { Industry = "medical" }, Build.NoLoads, Build.Now);

        // 3 points for the industry against 0.65 more for clean records.
        Assert.Equal("rep-a", decision.ChosenRepId);
    }

    [Fact]
    public void Weighed_WithLeadScore_ListedAfterItAndKeptInTheStoredExplanation()
    {
        var roster = Enumerable.Range(0, 8).Select(i => Build.Rep(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"rep-{i}"), "sales") with { DataQuality = i / 10.0 }).ToArray();
        var decision = Build.Compile(Weighing(3, leadScore: 1), roster).Route(Build.Lead("website_form") with { Score = 0.5 }, Build.NoLoads, Build.Now);

        Assert.Equal("rep-7", decision.ChosenRepId);
        Assert.All(decision.Candidates, candidate =>
        {
            Assert.Equal([.. ScoreComponents.All, ScoreComponents.LeadScore, ScoreComponents.DataQuality], candidate.Components.Select(c => c.Name));
            Assert.Equal(candidate.Components.Sum(c => c.Contribution), candidate.Total, 9);
        });
        var stored = StoredExplanation.Condense(decision);
        Assert.Equal(ScoreComponents.All.Count + 2, stored.ComponentWeights!.Count);
        Assert.Equal(3, stored.ComponentWeights[^1]);
        foreach (var compact in stored.OtherEligible!)
        {
            Assert.Equal((int)Math.Round(decision.Candidate(compact.RepId).Component(ScoreComponents.DataQuality).Raw * 1000), compact.Raw[^1]);
        }

        // Eleven or twelve components are named in the stored decision, so the shown one names them right.
        Assert.Equal([.. ScoreComponents.All, ScoreComponents.LeadScore, ScoreComponents.DataQuality], stored.ComponentNames);
        Assert.All(StoredExplanation.Expand(stored).Candidates, c => Assert.Equal(stored.ComponentNames, c.Components.Select(x => x.Name)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Weight_NegativeOrNotANumber_IsRejectedNamingTheField(double weight)
    {
        var error = Assert.Single(RuleSetValidator.Validate(Weighing(weight), [Clean]));

        Assert.Equal("weights.dataQuality", error.Path);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Roster_QualityOutsideZeroToOne_IsRejectedNamingTheRep(double quality)
    {
        var error = Assert.Single(RuleSetValidator.Validate(ToSales, [Clean with { DataQuality = quality }]));

        Assert.Equal("roster[0].dataQuality", error.Path);
    }

    [Fact]
    public void Weight_AuthoredAsJson_IsReadAndEveryOtherWeightKeepsItsDefault()
    {
        const string Json = """{ "rules": [], "fallback": { "target": { "kind": "group", "id": "sales" } }, "weights": { "dataQuality": 1.5 } }""";

        var ruleSet = JsonSerializer.Deserialize<RuleSet>(Json, RoutingJson.Options)!;

        Assert.Equal(ScoringWeights.Default with { DataQuality = 1.5 }, ruleSet.Weights);
    }
}
