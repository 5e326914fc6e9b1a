namespace CrmActors.MlModels.Evaluation;

/// <summary>Next-action quality of one predictor on held-out decision points.</summary>
/// <param name="Top1">Share where the top action is the one taken.</param>
/// <param name="Top3">Share where the action taken is among the top three.</param>
/// <param name="LogLoss">Mean negative log probability of the action taken (null when the predictor gives no probabilities).</param>
/// <param name="PerClass">Per action: support, precision and recall of the top-1 choice.</param>
public sealed record class RankingMetrics(double Top1, double Top3, double? LogLoss, IReadOnlyList<ClassMetrics> PerClass);

/// <summary>Top-1 precision and recall of one action.</summary>
public sealed record class ClassMetrics(string Action, int Support, double Precision, double Recall);

/// <summary>Scoring quality of one predictor on held-out decision points.</summary>
/// <param name="Auc">Area under the ROC curve.</param>
/// <param name="LogLoss">Mean binary log loss.</param>
/// <param name="Brier">Mean squared error of the probability.</param>
/// <param name="CalibrationError">Expected calibration error over ten equal-width bins.</param>
/// <param name="Bins">The calibration table.</param>
public sealed record class ScoringMetrics(double Auc, double LogLoss, double Brier, double CalibrationError, IReadOnlyList<CalibrationBin> Bins);

/// <summary>One calibration bin: how many predictions fell in it, their mean, and how often the lead was won.</summary>
public sealed record class CalibrationBin(double From, double To, int Count, double MeanPredicted, double ObservedRate);

/// <summary>The metrics, computed the same way for every predictor.</summary>
public static class Metrics
{
    private const double Epsilon = 1e-15;

    /// <summary>Ranking metrics from each example's action ranking (best first), probabilities (optional) and true class.</summary>
    public static RankingMetrics Ranking(IReadOnlyList<int[]> rankings, IReadOnlyList<double[]?> probabilities, IReadOnlyList<int> truth)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentNullException.ThrowIfNull(truth);
        var n = truth.Count;
        if (n == 0 || rankings.Count != n || probabilities.Count != n)
        {
            throw new ArgumentException("Rankings, probabilities and truth must be non-empty and of one length.", nameof(truth));
        }

        int top1 = 0, top3 = 0;
        var logLoss = 0.0;
        var hasProbabilities = probabilities.All(p => p is not null);
        var classes = ActionCatalogue.Count;
        var predicted = new int[classes];
        var correct = new int[classes];
        var support = new int[classes];
        for (var i = 0; i < n; i++)
        {
            var ranking = rankings[i];
            support[truth[i]]++;
            predicted[ranking[0]]++;
            if (ranking[0] == truth[i])
            {
                top1++;
                correct[truth[i]]++;
            }

            if (ranking.Take(3).Contains(truth[i]))
            {
                top3++;
            }

            if (hasProbabilities)
            {
                logLoss -= Math.Log(Math.Max(probabilities[i]![truth[i]], Epsilon));
            }
        }

        var perClass = ActionCatalogue.All.Select((a, c) => new ClassMetrics(
            a.Id, support[c], predicted[c] == 0 ? 0 : (double)correct[c] / predicted[c], support[c] == 0 ? 0 : (double)correct[c] / support[c])).ToList();
        return new RankingMetrics((double)top1 / n, (double)top3 / n, hasProbabilities ? logLoss / n : null, perClass);
    }

    /// <summary>The classes ordered by probability, best first (ties by class order).</summary>
    public static int[] Rank(IReadOnlyList<double> probabilities)
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        return [.. Enumerable.Range(0, probabilities.Count).OrderByDescending(i => probabilities[i]).ThenBy(i => i)];
    }

    /// <summary>Scoring metrics from predicted probabilities and outcomes.</summary>
    public static ScoringMetrics Scoring(IReadOnlyList<double> predicted, IReadOnlyList<bool> won)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(won);
        var n = won.Count;
        if (n == 0 || predicted.Count != n)
        {
            throw new ArgumentException("Predictions and outcomes must be non-empty and of one length.", nameof(won));
        }

        double logLoss = 0, brier = 0;
        for (var i = 0; i < n; i++)
        {
            var p = Math.Clamp(predicted[i], Epsilon, 1 - Epsilon);
            var y = won[i] ? 1.0 : 0.0;
            logLoss -= (y * Math.Log(p)) + ((1 - y) * Math.Log(1 - p));
            brier += (predicted[i] - y) * (predicted[i] - y);
        }

        var bins = new List<CalibrationBin>();
        var ece = 0.0;
        for (var b = 0; b < 10; b++)
        {
            double from = b / 10.0, to = (b + 1) / 10.0;
            var members = Enumerable.Range(0, n).Where(i => predicted[i] >= from && (predicted[i] < to || (b == 9 && predicted[i] <= 1))).ToList();
            if (members.Count == 0)
            {
                continue;
            }

            var mean = members.Average(i => predicted[i]);
            var rate = members.Average(i => won[i] ? 1.0 : 0.0);
            bins.Add(new CalibrationBin(from, to, members.Count, mean, rate));
            ece += members.Count * Math.Abs(mean - rate) / n;
        }

        return new ScoringMetrics(Auc(predicted, won), logLoss / n, brier / n, ece, bins);
    }

    /// <summary>The ROC AUC by ranks (ties share their mean rank); 0.5 when only one outcome occurs.</summary>
    public static double Auc(IReadOnlyList<double> predicted, IReadOnlyList<bool> won)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(won);
        var order = Enumerable.Range(0, predicted.Count).OrderBy(i => predicted[i]).ToArray();
        var ranks = new double[order.Length];
        for (var i = 0; i < order.Length;)
        {
            var j = i;
            while (j + 1 < order.Length && predicted[order[j + 1]] == predicted[order[i]])
            {
                j++;
            }

            for (var k = i; k <= j; k++)
            {
                ranks[order[k]] = ((i + j) / 2.0) + 1;
            }

            i = j + 1;
        }

        long positives = won.Count(w => w);
        long negatives = won.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        var rankSum = Enumerable.Range(0, won.Count).Where(i => won[i]).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2.0)) / (positives * (double)negatives);
    }
}
