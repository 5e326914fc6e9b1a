using CrmActors.MlModels.Simulation;

namespace CrmActors.MlModels.Tests;

public sealed class SimulatorTests
{
    [Fact]
    public void Leads_SameSeed_SameHistory_OtherSeed_Differs()
    {
        var a = new SalesSimulator(1).Leads(50);
        var b = new SalesSimulator(1).Leads(50);
        var c = new SalesSimulator(2).Leads(50);

        Assert.Equal(Describe(a), Describe(b));
        Assert.NotEqual(Describe(a), Describe(c));
    }

    [Fact]
    public void Oracle_WinProbability_MatchesTheSimulatedWinRate()
    {
        var leads = new SalesSimulator(21).Leads(8_000).Select(l => l.History).ToList();

        var predicted = leads.Average(l => Oracle.WinProbability(l, 0));
        var observed = leads.Average(l => l.Won == true ? 1.0 : 0.0);

        Assert.InRange(predicted - observed, -0.012, 0.012);
        Assert.InRange(observed, 0.05, 0.15);
    }

    [Fact]
    public void Oracle_Posterior_SumsToOneAndFindsTheHiddenConcernFromLongHistories()
    {
        var leads = new SalesSimulator(22).Leads(2_000).Where(l => l.History.Interactions.Count >= 9).ToList();
        var found = 0;
        foreach (var lead in leads)
        {
            var k = lead.History.Interactions.Count - 1;
            var (posterior, _) = Oracle.Posterior(lead.History, k);
            Assert.Equal(1.0, posterior.Sum(p => p.Weight), 6);
            var best = posterior.GroupBy(p => p.Concern).OrderByDescending(g => g.Sum(p => p.Weight)).First().Key;
            found += best == lead.Concern ? 1 : 0;
        }

        // The prior alone would name the most common concern (about 1 in 5); the history tells far more.
        Assert.True(found > leads.Count * 0.7, $"{found} of {leads.Count}");
    }

    [Fact]
    public void Oracle_ActionProbabilities_FormADistribution()
    {
        var lead = new SalesSimulator(23).Leads(1)[0].History;

        for (var k = 0; k < lead.Interactions.Count; k++)
        {
            var p = Oracle.ActionProbabilities(lead, k);
            Assert.Equal(ActionCatalogue.Count, p.Length);
            Assert.Equal(1.0, p.Sum(), 9);
            Assert.All(p, x => Assert.InRange(x, 0, 1));
        }
    }

    [Fact]
    public void Rules_ActionDistribution_FollowsTheConcern()
    {
        var price = SimulatorRules.ActionDistribution(Concern.Price, false, demoDone: false, quoteSent: false, stalled: false);
        var stalled = SimulatorRules.ActionDistribution(Concern.Price, false, demoDone: false, quoteSent: false, stalled: true);

        Assert.Equal(ActionCatalogue.IndexOf("installment-plan"), Array.IndexOf(price, price.Max()));
        Assert.True(stalled[ActionCatalogue.IndexOf("escalate-supervisor")] > 0.4);
        Assert.Equal(1.0, price.Sum(), 9);
        Assert.Equal(1.0, stalled.Sum(), 9);
    }

    private static string Describe(IEnumerable<SalesSimulator.SimulatedLead> leads) =>
        string.Join('|', leads.Select(l => $"{l.History.Profile}:{l.Concern}:{l.HighIntent}:{l.History.Won}:" +
            string.Join(',', l.History.Interactions.Select(i => $"{i.At:O}/{i.Action}/{string.Join('+', i.Tags)}/{i.Text}"))));
}
