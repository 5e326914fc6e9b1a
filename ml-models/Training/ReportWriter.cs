using System.Globalization;
using System.Text;
using CrmActors.MlModels.Evaluation;

namespace CrmActors.MlModels.Training;

/// <summary>Renders a training report as Markdown.</summary>
public static class ReportWriter
{
    /// <summary>Scoring AUC must reach this share of the oracle's.</summary>
    public const double AucTarget = 0.97;

    /// <summary>The report.</summary>
    public static string Markdown(TrainingReport report, TimeSpan trainingTime)
    {
        ArgumentNullException.ThrowIfNull(report);
        var e = report.Evaluation;
        var s = new StringBuilder();
        var m = report.Manifest;
        Line(s, $"# Model report: {m.Version}");
        Line(s);
        Line(s, $"- Source: {m.Source}");
        Line(s, $"- Trained on {m.TrainingLeads:N0} leads, {report.TrainingInteractions:N0} interactions, {m.TrainingRows:N0} decision points in {trainingTime.TotalSeconds:0.0} s (the four models, LightGBM on {ModelTrainer.Threads} threads; the only figure here that varies run to run)");
        Line(s, $"- Evaluated on {e.HeldOutLeads:N0} held-out leads ({e.HeldOutRows:N0} decision points, win rate {e.HeldOutWinRate:P1}) that no model was trained on");
        Line(s);
        Line(s, "## Next action: agreement with what the team did (held-out)");
        Line(s);
        Line(s, "The outcome model ranks actions by the chance the lead is won if the rep takes them now, so it agrees with the team only where the");
        Line(s, "team's practice was good. The served advice puts the concern model's step first (ml-models/README.md); the win rates it brings are");
        Line(s, "judged by simulating forward (`crmctl advise-eval`, docs/BENCHMARKS.md).");
        Line(s);
        Line(s, "| predictor | top-1 | top-3 |");
        Line(s, "|---|---|---|");
        Ranking(s, "outcome model", e.ModelActions);
        Ranking(s, "most frequent action", e.MostFrequentActions);
        Ranking(s, "rule hints (S5 defaults)", e.RuleActions);
        Ranking(s, "playbook (hand-written)", e.PlaybookActions);
        Line(s);
        Line(s, "## Conversion score (held-out)");
        Line(s);
        Line(s, "| predictor | AUC | log loss | Brier | calibration error |");
        Line(s, "|---|---|---|---|---|");
        Scoring(s, "model", e.ModelScore);
        Scoring(s, "base rate (most frequent)", e.BaseRateScore);
        Scoring(s, "points score (rules)", e.PointsScore);
        if (e.OracleScore is { } os)
        {
            Scoring(s, "oracle (true probabilities)", os);
            Line(s);
            var ratio = e.ModelScore.Auc / os.Auc;
            Line(s, $"AUC vs oracle: {ratio:0.000} (target >= {AucTarget:0.00}: {(ratio >= AucTarget ? "met" : "NOT met")}).");
        }

        Line(s);
        Line(s, "Calibration of the model's score:");
        Line(s);
        Line(s, "| predicted | count | mean predicted | observed win rate |");
        Line(s, "|---|---|---|---|");
        foreach (var b in e.ModelScore.Bins)
        {
            Line(s, $"| {b.From:0.0}-{b.To:0.0} | {b.Count} | {b.MeanPredicted:0.000} | {b.ObservedRate:0.000} |");
        }

        Line(s);
        Line(s, "## Learning curve (same held-out leads)");
        Line(s);
        var oracleAuc = e.OracleScore?.Auc;
        Line(s, "| training leads | decision points | top-1 | top-3 | rule top-1 | AUC | points AUC | log loss |" + (oracleAuc is null ? string.Empty : " AUC / oracle |"));
        Line(s, "|---|---|---|---|---|---|---|---|" + (oracleAuc is null ? string.Empty : "---|"));
        foreach (var p in report.LearningCurve)
        {
            Line(s, $"| {p.TrainingLeads:N0} | {p.TrainingRows:N0} | {p.Actions.Top1:0.000} | {p.Actions.Top3:0.000} | {p.RuleActions.Top1:0.000} | {p.Score.Auc:0.000} | {p.PointsScore.Auc:0.000} | {p.Score.LogLoss:0.000} |"
                + (oracleAuc is { } a ? $" {p.Score.Auc / a:0.000} |" : string.Empty));
        }

        return s.ToString();
    }

    private static void Ranking(StringBuilder s, string name, RankingMetrics r) =>
        Line(s, $"| {name} | {r.Top1:0.000} | {r.Top3:0.000} |");

    private static void Scoring(StringBuilder s, string name, ScoringMetrics r) =>
        Line(s, $"| {name} | {r.Auc:0.000} | {r.LogLoss:0.000} | {r.Brier:0.000} | {r.CalibrationError:0.000} |");

    private static string Signed(double value) => value.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture);

    private static void Line(StringBuilder s, string text = "") => s.Append(CultureInfo.InvariantCulture, $"{text}\n");
}
