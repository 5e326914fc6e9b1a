using System.Diagnostics;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Evaluation;

/// <summary>One world, one seed: what each policy's advice brought, and how well the scores rank.</summary>
/// <param name="Family">The world.</param>
/// <param name="Seed">The seed of the training leads (the evaluation leads use another).</param>
/// <param name="TrainingLeads">Leads logged under the team's practice and trained on.</param>
/// <param name="TrainingInteractions">Their interactions.</param>
/// <param name="TrainingSeconds">How long the model took to train.</param>
/// <param name="Outcomes">Win rate per policy on the same evaluation leads (model, team, playbooks, regression, oracle).</param>
/// <param name="Scoring">The model's, the points score's and the oracle's ranking of held-out logged leads.</param>
/// <param name="TeamAgreement">The model's top-1 and top-3 agreement with what the team did on held-out logged leads.</param>
/// <param name="TunedThresholds">The tuned playbook's signal and intent thresholds.</param>
public sealed record class AdviceRun(
    string Family, int Seed, int TrainingLeads, int TrainingInteractions, double TrainingSeconds,
    IReadOnlyList<PolicyOutcome> Outcomes, EvaluationResult Scoring, RankingMetrics TeamAgreement, string TunedThresholds);

/// <summary>
/// The outcome benchmark: learn from a team's logged data only (the model sees what the team did and what came of
/// it), then work fresh leads of the same world forward with each policy. The names of the policies are fixed:
/// <see cref="Model"/>, <see cref="Team"/>, and so on.
/// </summary>
public static class AdviceBenchmark
{
    /// <summary>Following the model.</summary>
    public const string Model = "model";

    /// <summary>The outcome model's own first choice, without the concern model (the advice before it).</summary>
    public const string OutcomeAlone = "outcome model alone (no concern model)";

    /// <summary>The team's logged practice.</summary>
    public const string Team = "team practice";

    /// <summary>The team's usual action in such a case (the practice model alone, no outcomes).</summary>
    public const string Usual = "team's usual action (practice model)";

    /// <summary>The per-action logistic regression.</summary>
    public const string Regression = "logistic regression";

    /// <summary>Runs one world and seed.</summary>
    public static AdviceRun Run(SimulatorFamily family, int seed, int trainingLeads, int evaluationLeads, int scoredLeads, AdviceSettings? advice = null, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        var training = new SalesSimulator(seed, family).Leads(trainingLeads, $"train{seed}").Select(l => l.History).ToList();
        var rows = training.SelectMany(FeatureExtractor.DecisionPoints).ToList();
        var clock = Stopwatch.StartNew();
        var trained = new ModelTrainer(seed).Train(rows);
        var concerns = ConcernModel.Fit(training).Parameters;
        var seconds = clock.Elapsed.TotalSeconds;
        var manifest = new ModelManifest($"bench-{family.Name}-{seed}", LeadFeatures.SchemaVersion, ActionCatalogue.Fingerprint, family.Name, training.Count, rows.Count)
        {
            Concerns = concerns,
        };
        var models = LoadedModels.FromTrained(trained, manifest);
        progress?.Report($"{family.Name} seed {seed}: trained on {training.Count:N0} leads in {seconds:0.0} s");

        var predictor = models.CreatePredictor(advice);
        var tuned = Baselines.TunedPlaybook(training);
        var regression = Baselines.LogisticRegression(rows, seed, predictor.PracticeProbabilities, predictor.Advice.MinimumPractice);
        IReadOnlyList<IActionPolicy> policies =
        [
            new AdvicePolicy(Model, predictor),
            new ModelPolicy(OutcomeAlone, predictor.Advise),
            TeamPolicy.Instance,
            new ModelPolicy(Usual, f => Metrics.Rank(predictor.PracticeProbabilities(f))[0]),
            PlaybookPolicy.Best,
            tuned,
            new ModelPolicy(Regression, f => predictor.AdviceOrder(regression(f), predictor.PracticeProbabilities(f))[0]),
            new OraclePolicy { Family = family },
            new ObservableBestPolicy(family),
        ];
        var outcomes = OutcomeEvaluation.Run(family, unchecked((seed * 31) + 7), evaluationLeads, policies);
        progress?.Report($"{family.Name} seed {seed}: " + string.Join(", ", outcomes.Select(o => $"{o.Policy} {o.WinRate:0.0000}")));

        var heldOut = new SalesSimulator(unchecked((seed * 31) + 11), family).Leads(scoredLeads, $"held{seed}", startDay: 300, spanDays: 100).Select(l => l.History).ToList();
        var scoring = Evaluator.Evaluate(models, training, heldOut, family);
        progress?.Report($"{family.Name} seed {seed}: AUC model {scoring.ModelScore.Auc:0.000}, points {scoring.PointsScore.Auc:0.000}, oracle {scoring.OracleScore!.Auc:0.000}");
        return new AdviceRun(family.Name, seed, training.Count, training.Sum(l => l.Interactions.Count), seconds, outcomes, scoring, scoring.ModelActions, $"{tuned.SignalThreshold}, {tuned.IntentThreshold}");
    }
}
