using CrmActors.MlModels.Evaluation;
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
    public void Streams_OfOneLead_AreNotCorrelated_SoArrivalDrawsCannotPredictTheOutcomeDraw()
    {
        // Regression: System.Random seeded a fixed distance apart gave correlated first draws, and a model learned
        // the outcome draw from the arrival draws (AUC above the true probabilities').
        var simulator = new SalesSimulator(5);
        var arrival = Enumerable.Range(0, 4_000).Select(i => simulator.Stream(i, 0).NextDouble()).ToList();
        var outcome = Enumerable.Range(0, 4_000).Select(i => simulator.Stream(i, 4).NextDouble()).ToList();

        Assert.InRange(Correlation(arrival, outcome), -0.05, 0.05);
    }

    [Fact]
    public void Oracle_WinProbability_MatchesTheSimulatedWinRate_AndRanksBetterThanThePointsScore()
    {
        var leads = new SalesSimulator(21).Leads(3_000).ToList();
        var oracle = new Oracle(SimulatorFamily.Base);

        var predicted = leads.Select(l => oracle.WinProbability(l.History, 0)).ToList();
        var won = leads.Select(l => l.History.Won == true).ToList();

        Assert.InRange(predicted.Average() - won.Average(w => w ? 1.0 : 0), -0.015, 0.015);
        Assert.InRange(won.Average(w => w ? 1.0 : 0), 0.06, 0.15);
        var points = leads.Select(l => RuleBaseline.PointsScore(FeatureExtractor.DecisionPoint(l.History, 0)!)).ToList();
        Assert.True(Metrics.Auc(predicted, won) > Metrics.Auc(points, won), "the oracle knows the world's rules; a points score does not");
    }

    [Fact]
    public void Oracle_Posterior_SumsToOneAndFindsTheHiddenConcernFromLongHistories()
    {
        var oracle = new Oracle(SimulatorFamily.Base);
        var leads = new SalesSimulator(22).Leads(1_500).Where(l => l.History.Interactions.Count >= 9).ToList();
        var found = 0;
        foreach (var lead in leads)
        {
            var posterior = oracle.Posterior(lead.History, lead.History.Interactions.Count - 1);
            Assert.Equal(1.0, posterior.Sum(p => p.Weight), 6);
            var best = posterior.GroupBy(p => p.State.Concerns[0]).OrderByDescending(g => g.Sum(p => p.Weight)).First().Key;
            found += best == lead.Concern ? 1 : 0;
        }

        // The prior alone would name the most common concern (about 1 in 5); the history tells far more.
        Assert.True(found > leads.Count * 0.6, $"{found} of {leads.Count}");
    }

    [Fact]
    public void TeamPractice_IsADistribution_FollowsTheLatestSignal_AndBringsInTheSupervisorAfterAStall()
    {
        var state = new LeadState([Concern.None], highIntent: false, initialLogit: -2, yearsIn: 0);
        Interaction priceTalk = new(DateTimeOffset.UnixEpoch, "call-back", ["price-sensitive"], "too expensive");

        var plain = SimulatorRules.TeamPractice(state, null, stalled: false);
        var afterPriceTalk = SimulatorRules.TeamPractice(state, priceTalk, stalled: false);
        var stalled = SimulatorRules.TeamPractice(state, null, stalled: true);

        Assert.All([plain, afterPriceTalk, stalled], p => Assert.Equal(1.0, p.Sum(), 9));
        Assert.Equal(0, plain[ActionCatalogue.IndexOf("installment-plan")]);
        Assert.Equal(0.5, afterPriceTalk[ActionCatalogue.IndexOf("installment-plan")], 9);
        Assert.True(stalled[ActionCatalogue.IndexOf("escalate-supervisor")] > 0.4);
    }

    [Fact]
    public void Effect_TheRightAnswerHelps_LessWhenLate_WrongOnesAndEarlyQuotesHurt()
    {
        var family = SimulatorFamily.Base;
        var price = new LeadState([Concern.Price], highIntent: true, initialLogit: -2, yearsIn: 0);

        Assert.Equal(0.8, SimulatorRules.Effect("installment-plan", price, stalled: false, family), 9);
        Assert.Equal(0.48, SimulatorRules.Effect("installment-plan", price, stalled: true, family), 9);
        Assert.True(SimulatorRules.Effect("contract-template", price, stalled: false, family) < 0);
        Assert.True(SimulatorRules.Effect("send-quote", price, stalled: false, family) < 0, "a quote before the demo");

        price.Apply("installment-plan", 10, family);
        Assert.Equal(0, price.OpenConcerns);
        Assert.True(SimulatorRules.Effect("installment-plan", price, stalled: false, family) < 0, "offering it again");
    }

    [Fact]
    public void Outcomes_ActionsMatter_TheOracleWinsMoreThanTheTeamOnTheSameLeads()
    {
        var outcomes = OutcomeEvaluation.Run(SimulatorFamily.Base, 31, 800, [TeamPolicy.Instance, new OraclePolicy()]);

        Assert.True(outcomes[1].WinRate > outcomes[0].WinRate * 1.3, $"oracle {outcomes[1].WinRate:0.000} vs team {outcomes[0].WinRate:0.000}");
        Assert.Equal(1.0, outcomes[1].OracleTop1);
    }

    [Fact]
    public void SparseTags_LogFewerReadableSignals_ThanTheBaseWorld()
    {
        static double Tags(SimulatorFamily family) =>
            new SalesSimulator(41, family).Leads(1_000).Average(l => l.History.Interactions.Sum(i => Signals.All.Count(s => Signals.Shows(i, s))));

        Assert.True(Tags(SimulatorFamily.SparseTags) < Tags(SimulatorFamily.Base) * 0.75);
    }

    [Fact]
    public void SeveralConcerns_GiveSecondConcerns_AndTheOracleWeighsPairs()
    {
        var leads = new SalesSimulator(42, SimulatorFamily.SeveralConcerns).Leads(600);
        var oracle = new Oracle(SimulatorFamily.SeveralConcerns);

        Assert.InRange(leads.Count(l => l.Concerns.Count == 2) / (double)leads.Count, 0.4, 0.6);
        Assert.Contains(oracle.Posterior(leads[0].History, 1), h => h.State.Concerns.Count == 2);
    }

    private static double Correlation(List<double> x, List<double> y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var cov = x.Zip(y).Sum(p => (p.First - mx) * (p.Second - my));
        return cov / Math.Sqrt(x.Sum(v => (v - mx) * (v - mx)) * y.Sum(v => (v - my) * (v - my)));
    }

    private static string Describe(IEnumerable<SalesSimulator.SimulatedLead> leads) =>
        string.Join('|', leads.Select(l => $"{l.History.Profile}:{string.Join('+', l.Concerns)}:{l.HighIntent}:{l.History.Won}:" +
            string.Join(',', l.History.Interactions.Select(i => $"{i.At:O}/{i.Action}/{string.Join('+', i.Tags)}/{i.Text}"))));
}
