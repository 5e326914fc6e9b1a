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
    RankingMetrics PlaybookActions,
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
    /// <param name="oracle">For simulated data, the world they were drawn from (its true win chances are known); else null.</param>
    public static EvaluationResult Evaluate(LoadedModels models, IReadOnlyList<LeadHistory> training, IReadOnlyList<LeadHistory> heldOut, SimulatorFamily? oracle)
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
        var withOracle = oracle is not null;
        var truthOracle = withOracle ? new Oracle(oracle!) : null;
        var playbook = PlaybookPolicy.Best;
        List<int[]> modelRank = [], ruleRank = [], playbookRank = [];
        List<double[]?> none = [];
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
                modelRank.Add(Metrics.Rank(predictor.ActionProbabilities(row)));
                ruleRank.Add(RuleBaseline.RankActions([.. lead.Interactions.Take(k)], byFrequency));
                none.Add(null);
                var stalled = row.HoursSinceLastTouch > FeatureExtractor.StallHours;
                var chosen = ActionCatalogue.IndexOf(playbook.Choose(row, stalled));
                playbookRank.Add([chosen, .. byFrequency.Where(i => i != chosen)]);

                // The score is judged on closed leads only: an open lead's outcome is not known yet.
                if (row.Closed)
                {
                    won.Add(row.Won);
                    modelScore.Add(predictor.WinProbability(row));
                    baseScore.Add(baseRate);
                    pointsScore.Add(RuleBaseline.PointsScore(row));
                    if (withOracle)
                    {
                        oracleScore.Add(truthOracle!.WinProbability(lead, k));
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
            Metrics.Ranking(modelRank, none, truth),
            Metrics.Ranking([.. truth.Select(_ => byFrequency)], [.. truth.Select(_ => frequency)], truth),
            Metrics.Ranking(ruleRank, none, truth),
            Metrics.Ranking(playbookRank, none, truth),
            Metrics.Scoring(modelScore, won),
            Metrics.Scoring(baseScore, won),
            Metrics.Scoring(pointsScore, won),
            withOracle ? Metrics.Scoring(oracleScore, won) : null);
    }
}
