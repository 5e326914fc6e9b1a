using CrmActors.MlModels.Simulation;
using CrmActors.MlModels.Training;
using Microsoft.ML;

namespace CrmActors.MlModels.Evaluation;

/// <summary>
/// The stronger baselines the model is judged beside: a logistic regression per action on the same features (the
/// chance of winning when that action was taken), and the playbook with its thresholds tuned on training data.
/// </summary>
public static class Baselines
{
    /// <summary>
    /// Trains one logistic regression per action on the closed training decision points where the team took it;
    /// returns the chance of winning per action (catalogue order; an action never taken gets the base rate), held to
    /// the same support as the model: 0 where <paramref name="practice"/> says the team takes the action in fewer
    /// than <paramref name="minimumPractice"/> of such cases.
    /// </summary>
    public static Func<LeadFeatures, double[]> LogisticRegression(IReadOnlyList<LeadFeatures> rows, int seed, Func<LeadFeatures, double[]> practice, double minimumPractice)
    {
        ArgumentNullException.ThrowIfNull(practice);
        ArgumentNullException.ThrowIfNull(rows);
        var closed = rows.Where(r => r.Closed).ToList();
        var baseRate = closed.Count == 0 ? 0 : closed.Count(r => r.Won) / (double)closed.Count;
        var ml = new MLContext(seed);
        var engines = new PredictionEngine<LeadFeatures, Probability>?[ActionCatalogue.Count];
        for (var i = 0; i < engines.Length; i++)
        {
            var taken = closed.Where(r => r.Action == ActionCatalogue.All[i].Id).ToList();
            if (taken.Count < 50 || taken.All(r => r.Won) || !taken.Exists(r => r.Won))
            {
                continue;
            }

            var model = ModelTrainer.Featurize(ml, withAction: false)
                .Append(ml.Transforms.NormalizeMeanVariance("Features"))
                .Append(ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(LeadFeatures.Won), "Features", l2Regularization: 1f))
                .Fit(ml.Data.LoadFromEnumerable(taken));
            engines[i] = ml.Model.CreatePredictionEngine<LeadFeatures, Probability>(model);
        }

        return f =>
        {
            var usual = practice(f);
            return [.. engines.Select((e, i) => usual[i] < minimumPractice ? 0 : e is null ? baseRate : (double)e.Predict(f).Value)];
        };
    }

    /// <summary>
    /// The playbook with the signal and intent thresholds (1-3 and 0-2) that the training data favours: the pair
    /// under which the closed training leads whose team did what the playbook says were won most often.
    /// </summary>
    public static PlaybookPolicy TunedPlaybook(IReadOnlyList<LeadHistory> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        var points = training.Where(l => l.Won is not null)
            .SelectMany(l => Enumerable.Range(0, l.Interactions.Count).Select(k => (Lead: l, Row: FeatureExtractor.DecisionPoint(l, k))))
            .Where(x => x.Row is not null)
            .Select(x => (x.Row!, Won: x.Lead.Won == true))
            .ToList();
        PlaybookPolicy? best = null;
        var bestRate = double.NegativeInfinity;
        for (var signal = 1; signal <= 3; signal++)
        {
            for (var intent = 0; intent <= 2; intent++)
            {
                var candidate = new PlaybookPolicy(TunedName, signal, intent);
                var agreed = points.Where(p => candidate.Choose(p.Item1, p.Item1.HoursSinceLastTouch > FeatureExtractor.StallHours) == p.Item1.Action).ToList();
                var rate = agreed.Count < 100 ? double.NegativeInfinity : agreed.Count(p => p.Won) / (double)agreed.Count;
                if (rate > bestRate)
                {
                    (best, bestRate) = (candidate, rate);
                }
            }
        }

        return best ?? PlaybookPolicy.Best;
    }

    /// <summary>The tuned playbook's name in reports (its thresholds are reported beside it).</summary>
    public const string TunedName = "playbook, thresholds tuned on training data";

    private sealed class Probability
    {
        [Microsoft.ML.Data.ColumnName("Probability")]
        public float Value { get; set; }
    }
}
