using CrmActors.MlModels.Evaluation;
using CrmActors.MlModels.Journal;
using CrmActors.MlModels.Serving;

namespace CrmActors.MlModels.Training;

/// <summary>
/// What a tenant's model is good for, judged on its held-out leads: its score is served only when its AUC is above the
/// points score's, its advice only when its top-1 is above the rule hints'.
/// </summary>
/// <param name="ModelAuc">The scoring model's AUC on the held-out closed leads.</param>
/// <param name="PointsAuc">The points score's AUC on them.</param>
/// <param name="ModelTop1">The next-action model's top-1 on the held-out decision points.</param>
/// <param name="RuleTop1">The rule hints' top-1 on them.</param>
public sealed record class TenantModelVerdict(double ModelAuc, double PointsAuc, double ModelTop1, double RuleTop1)
{
    /// <summary>True when the model ranks held-out leads better than the points score.</summary>
    public bool ScoreFromModel => ModelAuc > PointsAuc;

    /// <summary>True when the model's first choice matches the team more often than the rule hints' first choice.</summary>
    public bool ActionsFromModel => ModelTop1 > RuleTop1;

    /// <summary>Why the points score is served instead of the model's, or null when it is not.</summary>
    public string? ScoreFallbackReason(string version) => ScoreFromModel
        ? null
        : $"model {version} ranked the tenant's held-out leads no better than the points score (AUC {ModelAuc:0.000} vs {PointsAuc:0.000})";

    /// <summary>Why the rule hints are served instead of the model's advice, or null when they are not.</summary>
    public string? ActionsFallbackReason(string version) => ActionsFromModel
        ? null
        : $"model {version} matched the team's next action on held-out leads no more often than the rule hints (top-1 {ModelTop1:0.000} vs {RuleTop1:0.000})";

    /// <summary>The verdict of an evaluation.</summary>
    public static TenantModelVerdict Of(EvaluationResult evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        return new(evaluation.ModelScore.Auc, evaluation.PointsScore.Auc, evaluation.ModelActions.Top1, evaluation.RuleActions.Top1);
    }
}

/// <summary>A tenant's trained model as bytes, ready to store, with its report and verdict.</summary>
/// <param name="Manifest">The manifest (its version names the model).</param>
/// <param name="ManifestJson">The manifest as stored.</param>
/// <param name="NextActionZip">The next-action model.</param>
/// <param name="ScoringZip">The scoring model.</param>
/// <param name="PracticeZip">The team's practice model.</param>
/// <param name="ReportJson">The training report (<see cref="TrainingReport"/> as JSON).</param>
/// <param name="Verdict">What is served from it.</param>
/// <param name="ClosedLeads">Closed leads in the journal.</param>
/// <param name="HeldOutLeads">Leads held out.</param>
/// <param name="HeldOutFrom">The capture time from which leads were held out.</param>
public sealed record class TenantTrainingResult(
    ModelManifest Manifest, string ManifestJson, byte[] NextActionZip, byte[] ScoringZip, byte[] PracticeZip, string ReportJson, TenantModelVerdict Verdict,
    int ClosedLeads, int HeldOutLeads, DateTimeOffset HeldOutFrom);

/// <summary>
/// Trains a tenant's model from its journal's lead histories: split by time (<see cref="TimeSplit"/>), trained and
/// judged by <see cref="TrainingRun"/> in a scratch directory that is deleted afterwards, returned as bytes.
/// CPU-heavy (tens of seconds for 100,000 interactions): run it off any request thread.
/// </summary>
public static class TenantTraining
{
    /// <summary>Trains on <paramref name="leads"/>; throws <see cref="InvalidOperationException"/> when they cannot make and judge a model.</summary>
    public static TenantTrainingResult Train(string tenant, IReadOnlyList<LeadHistory> leads, int seed = 42, IReadOnlyList<int>? curveSizes = null)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(leads);
        var (training, heldOut, from) = TimeSplit.Split(leads);
        var closedTraining = training.Where(l => l.Won is not null).ToList();
        var closedHeldOut = heldOut.Where(l => l.Won is not null).ToList();
        if (!closedTraining.Any(l => l.Won == true) || !closedTraining.Any(l => l.Won == false)
            || !closedHeldOut.Any(l => l.Won == true) || !closedHeldOut.Any(l => l.Won == false))
        {
            throw new InvalidOperationException(
                $"The journal of tenant '{tenant}' needs won and lost leads both before and among its newest {closedHeldOut.Count} closed leads to train and judge a model.");
        }

        var scratch = Path.Combine(Path.GetTempPath(), $"crm-tenant-model-{Guid.NewGuid():N}");
        try
        {
            var input = new TrainingInput($"journal of tenant {tenant}, held out by time from {from:yyyy-MM-dd HH:mm}Z", Tag(tenant), training, heldOut, Oracle: null);
            var (report, directory, _) = TrainingRun.Run(input, scratch, seed, curveSizes, makeCurrent: false);
            return new TenantTrainingResult(
                report.Manifest,
                File.ReadAllText(Path.Combine(directory, ModelManifest.FileName)),
                File.ReadAllBytes(Path.Combine(directory, ModelManifest.NextActionFile)),
                File.ReadAllBytes(Path.Combine(directory, ModelManifest.ScoringFile)),
                File.ReadAllBytes(Path.Combine(directory, ModelManifest.PracticeFile)),
                File.ReadAllText(Path.Combine(directory, "report.json")),
                TenantModelVerdict.Of(report.Evaluation),
                leads.Count(l => l.Won is not null),
                heldOut.Count,
                from);
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    /// <summary>The tenant's short form in a version name (letters and digits, at most 16).</summary>
    public static string Tag(string tenant) => new([.. (tenant ?? string.Empty).ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(16)]);
}
