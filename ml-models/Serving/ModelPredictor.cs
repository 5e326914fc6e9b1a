using Microsoft.ML;

namespace CrmActors.MlModels.Serving;

/// <summary>A recommended action, its probability, and the strongest reasons behind it.</summary>
public sealed record class RankedAction(string Action, string Card, double Probability, IReadOnlyList<string> Reasons);

/// <summary>
/// Predicts with one pair of models. Not thread-safe: one per thread or grain activation (see <see cref="LoadedModels"/>).
/// </summary>
public sealed class ModelPredictor
{
    private readonly PredictionEngine<LeadFeatures, LoadedModels.ActionOutput> actions;
    private readonly PredictionEngine<LeadFeatures, LoadedModels.ScoreOutput> scoring;

    internal ModelPredictor(ModelManifest manifest, PredictionEngine<LeadFeatures, LoadedModels.ActionOutput> actions, PredictionEngine<LeadFeatures, LoadedModels.ScoreOutput> scoring)
    {
        Manifest = manifest;
        this.actions = actions;
        this.scoring = scoring;
    }

    /// <summary>The models this predictor uses.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>The probability of each action, catalogue order.</summary>
    public double[] ActionProbabilities(LeadFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var score = actions.Predict(features).Score;
        var p = new double[score.Length];
        for (var i = 0; i < score.Length; i++)
        {
            p[i] = score[i];
        }

        return p;
    }

    /// <summary>The calibrated probability the lead is won.</summary>
    public double WinProbability(LeadFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return scoring.Predict(features).Probability;
    }

    /// <summary>
    /// The <paramref name="count"/> most likely actions, each with up to three reasons: the groups of evidence that
    /// raise that action's probability most. A group's lift is the mean of what removing it from the lead costs and
    /// what adding it alone to a lead without any evidence gains (two orderings of a Shapley value), so evidence
    /// that repeats other evidence (price tags and a past installment offer) still counts.
    /// </summary>
    public IReadOnlyList<RankedAction> Recommend(LeadFeatures features, int count = 3) =>
        Recommend(features, ActionProbabilities(features), count, explain: true);

    /// <summary>The <paramref name="count"/> most likely of <paramref name="p"/> (this lead's action probabilities), with reasons when <paramref name="explain"/>.</summary>
    public IReadOnlyList<RankedAction> Recommend(LeadFeatures features, double[] p, int count, bool explain)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(p);
        var top = Evaluation.Metrics.Rank(p).Take(count).ToArray();
        if (!explain)
        {
            return [.. top.Select(i => new RankedAction(ActionCatalogue.All[i].Id, ActionCatalogue.All[i].Card, p[i], []))];
        }

        var present = Explanations.Groups.Where(g => g.IsPresent(features)).ToList();
        var bare = features.Copy();
        foreach (var group in present)
        {
            group.Copy(bare, Explanations.Neutral);
        }

        var baseline = ActionProbabilities(bare);
        var without = present.Select(g => ActionProbabilities(g.Remove(features))).ToList();
        var alone = present.Select(g => ActionProbabilities(g.KeepOnly(features, bare))).ToList();
        return [.. top.Select(i => new RankedAction(
            ActionCatalogue.All[i].Id,
            ActionCatalogue.All[i].Card,
            p[i],
            [.. present.Select((g, j) => (Group: g, Lift: ((p[i] - without[j][i]) + (alone[j][i] - baseline[i])) / 2))
                .Where(x => x.Lift > 0.01)
                .OrderByDescending(x => x.Lift)
                .Take(3)
                .Select(x => x.Group.Describe(features))]))];
    }
}
