using System.Globalization;

namespace CrmActors.Routing.Tests;

/// <summary>Routing over a large roster and rule set works; timing belongs in a benchmark, not here.</summary>
public sealed class ScaleTests
{
    private static readonly string[] Industries = ["finance", "manufacturing", "medical", "education", "saas"];
    private static readonly string[] Regions = ["east", "west", "north", "south"];

    private static CompiledRuleSet Router()
    {
        var roster = Enumerable.Range(0, 500).Select(i => new RepProfile
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"rep-{i:000}"),
            Groups = ["all", string.Create(CultureInfo.InvariantCulture, $"g-{i % 20}")],
            Industries = [Industries[i % Industries.Length]],
            Regions = [Regions[i % Regions.Length]],
            InstitutionLevels = [i % 3 == 0 ? "class-3 hospital" : "township clinic"],
            Products = [string.Create(CultureInfo.InvariantCulture, $"p-{i % 7}")],
            DealSize = new BudgetRange(i * 1_000m, i * 10_000m),
            Wins = [new WinRecord(Industries[i % Industries.Length], string.Create(CultureInfo.InvariantCulture, $"p-{i % 7}"), null, i % 13)],
            Capacity = 20,
            WorkingHours = new WorkingHours(i % 2 == 0 ? "Asia/Shanghai" : "Europe/Berlin", new TimeOnly(9, 0), new TimeOnly(18, 0)),
            SupervisorId = "sup",
        }).ToArray();
        var rules = Enumerable.Range(0, 200).Select(i => new Rule(
            string.Create(CultureInfo.InvariantCulture, $"r-{i}"),
            string.Create(CultureInfo.InvariantCulture, $"rule {i}"),
            [
                Build.When(RuleFields.Channel, ConditionOperators.EqualTo, string.Create(CultureInfo.InvariantCulture, $"ch-{i}")),
                Build.When(RuleFields.Budget, ConditionOperators.Gte, "1000"),
                Build.When(RuleFields.Note, ConditionOperators.ContainsAny, "急", "urgent"),
            ],
            Build.ToGroup(string.Create(CultureInfo.InvariantCulture, $"g-{i % 20}")) with { Urgency = Urgency.High })).ToArray();
        return CompiledRuleSet.Create(new RuleSet(1, rules, Build.ToGroup("all")), roster);
    }

    [Fact]
    public void Route_500RepsAnd200Rules_LastRuleFiresAndItsGroupIsRanked()
    {
        var router = Router();
        var lead = Build.Lead("ch-199") with { Budget = 50_000m, Note = "very urgent", Industry = "medical", Region = "east" };

        var decision = router.Route(lead, Build.NoLoads, Build.Now);

        Assert.Equal(("r-199", 199), (decision.RuleId, decision.RuleIndex!.Value));
        Assert.Equal(25, decision.Candidates.Count);
        Assert.All(decision.Candidates, c => Assert.Equal(19, int.Parse(c.RepId[4..], CultureInfo.InvariantCulture) % 20));
        Assert.NotNull(decision.ChosenRepId);
    }

    [Fact]
    public void Route_500RepsAnd200RulesNoRuleFires_FallbackRanksAll500()
    {
        var router = Router();
        var loads = Enumerable.Range(0, 500).ToDictionary(
            i => string.Create(CultureInfo.InvariantCulture, $"rep-{i:000}"),
            i => new RepLoad(i % 21, i % 5));

        var decisions = Enumerable.Range(0, 50)
            .Select(i => router.Route(Build.Lead("ch-none", $"lead-{i}") with { Industry = Industries[i % 5], Budget = i * 10_000m }, loads, Build.Now))
            .ToList();

        Assert.All(decisions, d =>
        {
            Assert.True(d.UsedFallback);
            Assert.Equal(500, d.Candidates.Count);
            Assert.Equal(Enumerable.Range(0, 500).Count(i => i % 21 < 20), d.Candidates.Count(c => c.Eligible));
            Assert.NotNull(d.ChosenRepId);
        });
    }
}
