using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CrmActors.MlModels.Evaluation;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;

namespace CrmActors.MlModels.Training;

/// <summary>What to train on: training and held-out leads, and whether the true probabilities are known.</summary>
/// <param name="Source">Said in the manifest and report, e.g. <c>simulator seed 42</c>.</param>
/// <param name="SourceTag">Short form for the version name, e.g. <c>sim</c> or a tenant id.</param>
/// <param name="Training">Leads to train on.</param>
/// <param name="HeldOut">Leads to evaluate on, none of them trained on.</param>
/// <param name="Oracle">For simulated data, the world it was drawn from (the oracle's truth); null for a tenant's journal.</param>
public sealed record class TrainingInput(string Source, string SourceTag, IReadOnlyList<LeadHistory> Training, IReadOnlyList<LeadHistory> HeldOut, SimulatorFamily? Oracle)
{
    /// <summary>Simulated training and held-out leads from two independent streams of one seed.</summary>
    public static TrainingInput Simulated(int seed, int trainingLeads, int heldOutLeads) => new(
        $"simulator seed {seed}, {trainingLeads} training leads, {heldOutLeads} held-out leads",
        "sim",
        [.. new SalesSimulator(seed).Leads(trainingLeads, "train").Select(l => l.History)],
        [.. new SalesSimulator(unchecked((seed * 7919) + 104_729)).Leads(heldOutLeads, "heldout", startDay: 300, spanDays: 100).Select(l => l.History)],
        SimulatorFamily.Base);
}

/// <summary>One point of the learning curve.</summary>
public sealed record class CurvePoint(int TrainingLeads, int TrainingRows, RankingMetrics Actions, ScoringMetrics Score, RankingMetrics RuleActions, ScoringMetrics PointsScore);

/// <summary>The deterministic part of a training run's report (no timings).</summary>
public sealed record class TrainingReport(ModelManifest Manifest, int TrainingInteractions, EvaluationResult Evaluation, IReadOnlyList<CurvePoint> LearningCurve);

/// <summary>
/// The training command's work: train on everything, evaluate on held-out leads beside the baselines, draw the
/// learning curve, and write a versioned model directory with its report; then point <c>current</c> at it.
/// </summary>
public static class TrainingRun
{
    /// <summary>The learning curve's training sizes (leads), as the issue asks.</summary>
    public static IReadOnlyList<int> CurveSizes { get; } = [200, 1_000, 10_000];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Runs it; returns the report and the directory written.</summary>
    public static (TrainingReport Report, string Directory, TimeSpan TrainingTime) Run(
        TrainingInput input, string modelsRoot, int seed, IReadOnlyList<int>? curveSizes = null, IProgress<string>? progress = null, bool makeCurrent = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Training.Count == 0 || input.HeldOut.Count == 0)
        {
            throw new ArgumentException("Training needs leads to train on and leads to hold out.", nameof(input));
        }

        var trainer = new ModelTrainer(seed);
        var rows = input.Training.SelectMany(FeatureExtractor.DecisionPoints).ToList();
        var interactions = input.Training.Sum(l => l.Interactions.Count);
        progress?.Report($"training on {input.Training.Count:N0} leads ({interactions:N0} interactions, {rows.Count:N0} decision points); {input.HeldOut.Count:N0} leads held out");

        var clock = Stopwatch.StartNew();
        var trained = trainer.Train(rows, progress);
        progress?.Report("concerns: fitting what customers worry about from the signals logged");
        var concerns = ConcernModel.Fit(input.Training).Parameters;
        var trainingTime = clock.Elapsed;
        progress?.Report($"trained in {trainingTime.TotalSeconds:0.0} s; evaluating on held-out leads");

        var draft = new ModelManifest("draft", LeadFeatures.SchemaVersion, ActionCatalogue.Fingerprint, input.Source, input.Training.Count, rows.Count)
        {
            Concerns = concerns,
        };
        var evaluation = Evaluator.Evaluate(LoadedModels.FromTrained(trained, draft), input.Training, input.HeldOut, input.Oracle);

        var curve = new List<CurvePoint>();
        foreach (var size in (curveSizes ?? CurveSizes).Where(s => s <= input.Training.Count))
        {
            progress?.Report($"learning curve: training on {size:N0} leads");
            var subset = input.Training.Take(size).ToList();
            var subsetRows = subset.SelectMany(FeatureExtractor.DecisionPoints).ToList();
            var model = LoadedModels.FromTrained(trainer.Train(subsetRows), draft with { TrainingLeads = size, TrainingRows = subsetRows.Count, Concerns = ConcernModel.Fit(subset).Parameters });
            var result = Evaluator.Evaluate(model, subset, input.HeldOut, oracle: null);
            curve.Add(new CurvePoint(size, subsetRows.Count, result.ModelActions, result.ModelScore, result.RuleActions, result.PointsScore));
        }

        var body = JsonSerializer.Serialize(new { evaluation, curve, concerns = draft.Concerns }, Json);
        var version = $"v{LeadFeatures.SchemaVersion}-{input.SourceTag}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)))[..10]}";
        var report = new TrainingReport(draft with { Version = version }, interactions, evaluation, curve);

        var directory = Path.Combine(modelsRoot, version);
        LoadedModels.Save(directory, trained, report.Manifest);
        File.WriteAllText(Path.Combine(directory, "report.json"), JsonSerializer.Serialize(report, Json));
        File.WriteAllText(Path.Combine(directory, "REPORT.md"), ReportWriter.Markdown(report, trainingTime));
        if (makeCurrent)
        {
            MakeCurrent(modelsRoot, version);
        }

        progress?.Report($"wrote {directory}");
        return (report, directory, trainingTime);
    }

    /// <summary>Points <c>current</c> at <paramref name="version"/> atomically (serving silos pick it up without a restart).</summary>
    public static void MakeCurrent(string modelsRoot, string version)
    {
        var temp = Path.Combine(modelsRoot, $".current-{Guid.NewGuid():N}");
        File.WriteAllText(temp, version + "\n");
        File.Move(temp, Path.Combine(modelsRoot, ModelManifest.CurrentFile), overwrite: true);
    }
}
