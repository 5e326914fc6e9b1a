using System.Globalization;
using System.Text;
using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Training;

namespace CrmActors.MlModels.Evaluation;

/// <summary>The outcome benchmark's report: per world, each policy's win rate over seeds with 95% intervals.</summary>
public static class AdviceReport
{
    /// <summary>The model's win rate must reach this multiple of the team's logged practice.</summary>
    public const double PracticeTarget = 1.10;

    /// <summary>Markdown for <paramref name="runs"/>.</summary>
    public static string Markdown(AdviceSettings settings, IReadOnlyList<AdviceRun> runs)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(runs);
        var s = new StringBuilder();
        Line(s, $"Advice settings (chosen on the base world's validation split): "
            + (settings.ConcernThreshold is { } threshold ? $"first, the answer to the concern most likely still open when that chance is at least {threshold:0.00}, else the stage's next step (the concern model); then " : string.Empty)
            + $"actions the team takes in at least {settings.MinimumPractice:P0} of such cases; the team's usual action kept unless another wins {settings.Margin:0.00} more.");
        foreach (var family in runs.GroupBy(r => r.Family))
        {
            var list = family.ToList();
            Line(s);
            Line(s, $"### {family.Key} ({list.Count} seeds, {list[0].TrainingLeads:N0} training leads each)");
            Line(s);
            Line(s, "| policy | win rate (95% interval) | x team practice (95% interval) | oracle's choice | among oracle's top 3 |");
            Line(s, "|---|---|---|---|---|");
            var policies = list[0].Outcomes.Select(o => o.Policy).ToList();
            foreach (var policy in policies)
            {
                var rates = list.Select(r => r.Outcomes.First(o => o.Policy == policy).WinRate).ToList();
                var ratios = list.Select(r => r.Outcomes.First(o => o.Policy == policy).WinRate / r.Outcomes.First(o => o.Policy == AdviceBenchmark.Team).WinRate).ToList();
                var top1 = list.Average(r => r.Outcomes.First(o => o.Policy == policy).OracleTop1);
                var top3 = list.Average(r => r.Outcomes.First(o => o.Policy == policy).OracleTop3);
                Line(s, $"| {policy} | {Interval(rates, "0.0000")} | {Interval(ratios, "0.000")} | {top1:0.000} | {top3:0.000} |");
            }

            var model = list.Select(r => Rate(r, AdviceBenchmark.Model) / Rate(r, AdviceBenchmark.Team)).ToList();
            var overPlaybook = list.Select(r => Rate(r, AdviceBenchmark.Model) - r.Outcomes.Where(o => o.Policy.StartsWith("playbook", StringComparison.Ordinal)).Max(o => o.WinRate)).ToList();
            var (low, _, _) = Bounds(model);
            var (playbookLow, playbookMean, _) = Bounds(overPlaybook);
            Line(s);
            Line(s, $"Model vs practice: {model.Average():0.000}x, lower 95% bound {low:0.000} (target >= {PracticeTarget:0.00}: {(low >= PracticeTarget ? "met" : model.Average() >= PracticeTarget ? "met on the mean, not on the lower bound" : "NOT met")}). "
                + $"Model minus the better playbook: {playbookMean:+0.0000;-0.0000}, lower bound {playbookLow:+0.0000;-0.0000} ({(playbookLow > 0 ? "above" : playbookMean > 0 ? "above on the mean only" : "NOT above")}).");
            var auc = list.Select(r => r.Scoring.ModelScore.Auc / r.Scoring.OracleScore!.Auc).ToList();
            Line(s, $"Score AUC: model {list.Average(r => r.Scoring.ModelScore.Auc):0.000}, points {list.Average(r => r.Scoring.PointsScore.Auc):0.000}, oracle {list.Average(r => r.Scoring.OracleScore!.Auc):0.000}; model/oracle {Interval(auc, "0.000")} (target >= {ReportWriter.AucTarget:0.00}).");
            Line(s, $"Tuned playbook thresholds (signal, intent) per seed: {string.Join("; ", list.Select(r => r.TunedThresholds))}.");
            Line(s, $"Agreement with what the team did (held-out logged leads): top-1 {list.Average(r => r.TeamAgreement.Top1):0.000}, top-3 {list.Average(r => r.TeamAgreement.Top3):0.000}; training {list.Average(r => r.TrainingSeconds):0.0} s for {list.Average(r => r.TrainingInteractions):N0} interactions.");
        }

        return s.ToString();
    }

    private static double Rate(AdviceRun run, string policy) => run.Outcomes.First(o => o.Policy == policy).WinRate;

    private static string Interval(List<double> values, string format)
    {
        var (low, mean, high) = Bounds(values);
        return values.Count < 2
            ? mean.ToString(format, CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{mean.ToString(format, CultureInfo.InvariantCulture)} ({low.ToString(format, CultureInfo.InvariantCulture)}-{high.ToString(format, CultureInfo.InvariantCulture)})");
    }

    /// <summary>The mean and its 95% t-interval over seeds.</summary>
    public static (double Low, double Mean, double High) Bounds(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Average();
        if (values.Count < 2)
        {
            return (mean, mean, mean);
        }

        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        double[] t = [12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262];
        var half = t[Math.Min(values.Count - 2, t.Length - 1)] * sd / Math.Sqrt(values.Count);
        return (mean - half, mean, mean + half);
    }

    private static void Line(StringBuilder s, string text = "") => s.Append(CultureInfo.InvariantCulture, $"{text}\n");
}
