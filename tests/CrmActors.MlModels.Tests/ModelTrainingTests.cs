using CrmActors.MlModels.Evaluation;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Tests;

[Collection(TrainedCollection.Name)]
public sealed class ModelTrainingTests(TrainedFixture fixture)
{
    [Fact]
    public void Train_SimulatedTenant_ScoresBetterThanThePointsScoreAndTheBaseRate_NeverBetterThanTheOracle()
    {
        var result = Evaluator.Evaluate(fixture.Models, fixture.Training, fixture.HeldOut, SimulatorFamily.Base);

        Assert.True(result.ModelScore.Auc > result.PointsScore.Auc, $"model AUC {result.ModelScore.Auc:0.000} vs points {result.PointsScore.Auc:0.000}");
        Assert.True(result.ModelScore.LogLoss < result.BaseRateScore.LogLoss, "the score must be better calibrated-and-sharp than the base rate");
        Assert.True(result.OracleScore!.Auc >= result.ModelScore.Auc - 0.01, $"no model beats the oracle beyond noise: {result.ModelScore.Auc:0.000} vs {result.OracleScore.Auc:0.000}");
    }

    [Fact]
    public void Advice_FollowedOnFreshLeads_WinsMoreThanTheTeamsPractice()
    {
        var predictor = fixture.Models.CreatePredictor();

        var outcomes = OutcomeEvaluation.Run(SimulatorFamily.Base, 77, 1_000, [TeamPolicy.Instance, new ModelPolicy("model", predictor.Advise)]);

        Assert.True(outcomes[1].WinRate > outcomes[0].WinRate * 1.1, $"model {outcomes[1].WinRate:0.0000} vs team {outcomes[0].WinRate:0.0000}");
    }

    [Fact]
    public void Advice_NeverAdvisesWhatTheTeamHardlyEverDoesThere_AndAlwaysJudgesItsUsualAction()
    {
        var predictor = fixture.Models.CreatePredictor();

        foreach (var row in fixture.HeldOutRows.Take(300))
        {
            var usual = predictor.PracticeProbabilities(row);
            var p = predictor.ActionProbabilities(row);
            var mode = Array.IndexOf(usual, usual.Max());
            var advised = predictor.Advise(row);
            Assert.True(advised == mode || usual[advised] >= predictor.Advice.MinimumPractice);
            Assert.All(Enumerable.Range(0, p.Length), i => Assert.True(i == mode || usual[i] >= predictor.Advice.MinimumPractice || p[i] == 0));
            Assert.True(p[mode] > 0, "the team's usual action is always judged");
        }
    }

    [Fact]
    public void Save_ThenLoad_PredictsIdentically()
    {
        using var dir = new TempDirectory();
        LoadedModels.Save(dir.Path, fixture.Trained, fixture.Manifest);
        var loaded = LoadedModels.Load(dir.Path).CreatePredictor();
        var inMemory = fixture.Models.CreatePredictor();

        foreach (var row in fixture.HeldOutRows.Take(300))
        {
            Assert.Equal(inMemory.ActionProbabilities(row), loaded.ActionProbabilities(row));
            Assert.Equal(inMemory.WinProbability(row), loaded.WinProbability(row));
        }

        Assert.Equal("test-v1", loaded.Manifest.Version);
    }

    [Fact]
    public void Train_SameRowsAndSeed_GivesTheSameModel()
    {
        var rows = fixture.Rows.Take(3_000).ToList();
        var first = LoadedModels.FromTrained(new ModelTrainer(9).Train(rows), fixture.Manifest).CreatePredictor();
        var second = LoadedModels.FromTrained(new ModelTrainer(9).Train(rows), fixture.Manifest).CreatePredictor();

        foreach (var row in fixture.HeldOutRows.Take(200))
        {
            Assert.Equal(first.ActionProbabilities(row), second.ActionProbabilities(row));
            Assert.Equal(first.WinProbability(row), second.WinProbability(row));
        }
    }

    [Fact]
    public void Recommend_PriceSensitiveCustomerNotYetOfferedThePlan_PutsTheInstallmentPlanFirstWithThePriceTagAsReason()
    {
        var created = new DateTimeOffset(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
        var profile = new LeadProfile("school", "web-form", 1, 3, created);
        Interaction[] history =
        [
            new(created.AddHours(2), "call-back", ["price-sensitive"], "asked about the budget"),
            new(created.AddHours(30), "schedule-demo", ["price-sensitive"], "too expensive for us"),
            new(created.AddHours(60), "call-back", ["price-sensitive"], "can we pay later"),
        ];

        var ranked = fixture.Models.CreatePredictor().Recommend(FeatureExtractor.Extract(profile, history, created.AddHours(80)));
        var oracle = new Oracle(SimulatorFamily.Base).Posterior(new LeadHistory("l", profile, [.. history, new(created.AddHours(80), "call-back", [], string.Empty)], null), history.Length);

        Assert.True(oracle.Where(h => h.State.Concerns[0] == Concern.Price).Sum(h => h.Weight) > 0.9, "the history says price");
        Assert.Equal(3, ranked.Count);
        Assert.Equal("installment-plan", ranked[0].Action);
        Assert.Contains(ranked[0].Reasons, r => r.Contains("price-sensitive", StringComparison.Ordinal));
    }

    [Fact]
    public void Train_NoClosedLeads_IsRefused_BecauseTheScoreWouldLearnOpenLeadsAsLosses()
    {
        var open = fixture.Training.Take(300).Select(l => l with { Won = null }).SelectMany(FeatureExtractor.DecisionPoints).ToList();

        Assert.All(open, r => Assert.False(r.Closed));
        var error = Assert.Throws<ArgumentException>(() => new ModelTrainer(1).Train(open));
        Assert.Contains("closed leads", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_OpenHeldOutLeads_CountForNextActionButNotForTheScore()
    {
        var heldOut = fixture.HeldOut.Select((l, i) => i % 2 == 0 ? l with { Won = null } : l).ToList();

        var result = Evaluator.Evaluate(fixture.Models, fixture.Training, heldOut, oracle: null);

        Assert.Equal(heldOut.Sum(l => FeatureExtractor.DecisionPoints(l).Count()), result.HeldOutRows);
        Assert.Equal(heldOut.Where(l => l.Won is not null).Sum(l => FeatureExtractor.DecisionPoints(l).Count()), result.ModelScore.Bins.Sum(b => b.Count));
    }

    [Fact]
    public void Evaluate_HeldOutSetSharingALeadWithTraining_IsRefused()
    {
        var leaked = fixture.HeldOut.Append(fixture.Training[7]).ToList();

        var error = Assert.Throws<ArgumentException>(() => Evaluator.Evaluate(fixture.Models, fixture.Training, leaked, oracle: null));

        Assert.Contains(fixture.Training[7].LeadId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_CountsOnlyHeldOutDecisionPoints_AndTrainingFiguresAreBetterThanHeldOut()
    {
        var heldOut = Evaluator.Evaluate(fixture.Models, fixture.Training, fixture.HeldOut, oracle: null);
        var rows = fixture.HeldOut.Sum(l => FeatureExtractor.DecisionPoints(l).Count());

        Assert.Equal(fixture.HeldOut.Count, heldOut.HeldOutLeads);
        Assert.Equal(rows, heldOut.HeldOutRows);

        // The same models scored on the leads they learned from look better: the report's figures are not those.
        var renamed = fixture.Training.Take(600).Select(l => l with { LeadId = "again-" + l.LeadId }).ToList();
        var onTraining = Evaluator.Evaluate(fixture.Models, fixture.Training, renamed, oracle: null);
        Assert.True(onTraining.ModelScore.Auc > heldOut.ModelScore.Auc, $"training AUC {onTraining.ModelScore.Auc:0.000} vs held-out {heldOut.ModelScore.Auc:0.000}");
    }

    [Fact]
    public void Run_WritesAVersionedDirectoryWithReportAndPointsCurrentAtIt_SameInputSameVersion()
    {
        using var dir = new TempDirectory();
        var input = TrainingInput.Simulated(seed: 3, trainingLeads: 400, heldOutLeads: 150);

        var (report, directory, _) = TrainingRun.Run(input, dir.Path, seed: 3, curveSizes: [200]);
        var (again, _, _) = TrainingRun.Run(input, dir.Path, seed: 3, curveSizes: [200], makeCurrent: false);

        Assert.Equal(report.Manifest.Version, again.Manifest.Version);
        Assert.StartsWith($"v{LeadFeatures.SchemaVersion}-sim-", report.Manifest.Version, StringComparison.Ordinal);
        Assert.Equal(report.Manifest.Version, File.ReadAllText(Path.Combine(dir.Path, ModelManifest.CurrentFile)).Trim());
        Assert.Equal(150, report.Evaluation.HeldOutLeads);
        Assert.Equal(400, report.Manifest.TrainingLeads);
        Assert.Single(report.LearningCurve);
        Assert.Equal(200, report.LearningCurve[0].TrainingLeads);
        var markdown = File.ReadAllText(Path.Combine(directory, "REPORT.md"));
        Assert.Contains("| oracle (true probabilities) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| playbook (hand-written) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| rule hints (S5 defaults) |", markdown, StringComparison.Ordinal);
        var loaded = LoadedModels.Load(directory);
        Assert.Equal(report.Manifest.Version, loaded.Manifest.Version);

        // The concern model is fitted with the rest, stored in the manifest and served from it.
        Assert.NotNull(report.Manifest.Concerns);
        Assert.NotNull(loaded.CreatePredictor().Concerns);
    }
}
