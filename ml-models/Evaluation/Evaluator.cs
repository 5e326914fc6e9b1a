using CrmActors.MlModels.Serving;
using CrmActors.MlModels.Simulation;

namespace CrmActors.MlModels.Evaluation;

/// <summary>Every predictor's figures on one held-out set.</summary>
public sealed record class EvaluationResult(
    int HeldOutLeads,
    int HeldOutRows,
    double HeldOutWinRate,
    RankingMetrics ModelActions,
    RankingMetrics MostFrequentActions,
    RankingMetrics RuleActions,
    RankingMetrics? OracleActions,
    ScoringMetrics ModelScore,
    ScoringMetrics BaseRateScore,
    ScoringMetrics PointsScore,
    ScoringMetrics? OracleScore);

/// <summary>
/// Evaluates models on held-out leads only: it refuses a held-out set sharing a lead with the training set, and
/// takes baselines (class frequencies, base rate) from the training set alone.
/// </summary>
public static class Evaluator
{
    /// <summary>Evaluates <paramref name="models"/>, trained on <paramref name="training"/>, on <paramref name="heldOut"/>.</summary>
    /// <param name="models">The models.</param>
    /// <param name="training">The leads the models were trained on.</param>
    /// <param name="heldOut">Leads none of which was trained on.</param>
    /// <param name="withOracle">True for simulated data, whose true probabilities are known.</param>
    public static EvaluationResult Evaluate(LoadedModels models, IReadOnlyList<LeadHistory> training, IReadOnlyList<LeadHistory> heldOut, bool withOracle)
    {
        ArgumentNullException.ThrowIfNull(models);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(heldOut);
        var trainedOn = training.Select(l => l.LeadId).ToHashSet(StringComparer.Ordinal);
        if (heldOut.FirstOrDefault(l => trainedOn.Contains(l.LeadId)) is { } leaked)
        {
            throw new ArgumentException($"Lead {leaked.LeadId} is in both the training and the held-out set.", nameof(heldOut));
        }

        var trainingRows = training.SelectMany(FeatureExtractor.DecisionPoints).ToList();
        var frequency = new double[ActionCatalogue.Count];
        foreach (var row in trainingRows)
        {
            frequency[ActionCatalogue.IndexOf(row.Action)] += 1.0 / trainingRows.Count;
        }

        var byFrequency = Metrics.Rank(frequency);
        var closedTraining = trainingRows.Where(r => r.Closed).ToList();
        var baseRate = closedTraining.Count == 0 ? 0.5 : closedTraining.Count(r => r.Won) / (double)closedTraining.Count;

        var predictor = models.CreatePredictor();
        var truth = new List<int>();
        var won = new List<bool>();
        List<int[]> modelRank = [], ruleRank = [], oracleRank = [];
        List<double[]?> modelP = [], oracleP = [], none = [];
        List<double> modelScore = [], baseScore = [], pointsScore = [], oracleScore = [];
        foreach (var lead in heldOut)
        {
            for (var k = 0; k < lead.Interactions.Count; k++)
            {
                if (FeatureExtractor.DecisionPoint(lead, k) is not { } row)
                {
                    continue;
                }

                truth.Add(ActionCatalogue.IndexOf(row.Action));
                var p = predictor.ActionProbabilities(row);
                modelP.Add(p);
                modelRank.Add(Metrics.Rank(p));
                ruleRank.Add(RuleBaseline.RankActions([.. lead.Interactions.Take(k)], byFrequency));
                none.Add(null);
                if (withOracle)
                {
                    var q = Oracle.ActionProbabilities(lead, k);
                    oracleP.Add(q);
                    oracleRank.Add(Metrics.Rank(q));
                }

                // The score is judged on closed leads only: an open lead's outcome is not known yet.
                if (row.Closed)
                {
                    won.Add(row.Won);
                    modelScore.Add(predictor.WinProbability(row));
                    baseScore.Add(baseRate);
                    pointsScore.Add(RuleBaseline.PointsScore(row));
                    if (withOracle)
                    {
                        oracleScore.Add(Oracle.WinProbability(lead, k));
                    }
                }
            }
        }

        if (won.Count == 0)
        {
            throw new ArgumentException("The held-out leads include no closed lead to judge the score on.", nameof(heldOut));
        }

        return new EvaluationResult(
            heldOut.Count,
            truth.Count,
            won.Count(w => w) / (double)won.Count,
            Metrics.Ranking(modelRank, modelP, truth),
            Metrics.Ranking([.. truth.Select(_ => byFrequency)], [.. truth.Select(_ => frequency)], truth),
            Metrics.Ranking(ruleRank, none, truth),
            withOracle ? Metrics.Ranking(oracleRank, oracleP, truth) : null,
            Metrics.Scoring(modelScore, won),
            Metrics.Scoring(baseScore, won),
            Metrics.Scoring(pointsScore, won),
            withOracle ? Metrics.Scoring(oracleScore, won) : null);
    }
}
