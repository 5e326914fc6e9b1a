using CrmActors.MlModels.Training;
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
    private readonly PredictionEngine<LeadFeatures, LoadedModels.PracticeOutput> practice;

    internal ModelPredictor(
        ModelManifest manifest,
        PredictionEngine<LeadFeatures, LoadedModels.ActionOutput> actions,
        PredictionEngine<LeadFeatures, LoadedModels.ScoreOutput> scoring,
        PredictionEngine<LeadFeatures, LoadedModels.PracticeOutput> practice)
    {
        Manifest = manifest;
        this.actions = actions;
        this.scoring = scoring;
        this.practice = practice;
    }

    /// <summary>How the advice is drawn from the two models (frozen on the base world's validation split).</summary>
    public AdviceSettings Advice { get; init; } = AdviceSettings.Frozen;

    /// <summary>The models this predictor uses.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>What the customer is likely worried about (null for a model trained before it existed: the outcome model alone advises).</summary>
    public ConcernModel? Concerns { get; init; }

    /// <summary>
    /// The chance each concern (<see cref="ConcernModel.Concerns"/>) is open, from the lead's history (oldest first), or
    /// null when this model has no concern model or <see cref="AdviceSettings.ConcernThreshold"/> is off.
    /// </summary>
    public double[]? OpenConcerns(LeadProfile profile, IReadOnlyList<Interaction> history) =>
        Concerns is { } concerns && Advice.ConcernThreshold is not null ? concerns.OpenConcerns(profile, history) : null;

    /// <summary>The advised action's index (catalogue order) for a lead with this history, as of <paramref name="now"/>.</summary>
    public int Advise(LeadProfile profile, IReadOnlyList<Interaction> history, DateTimeOffset now)
    {
        var features = FeatureExtractor.Extract(profile, history, now);
        var usual = PracticeProbabilities(features);
        return AdviceOrder(ActionProbabilities(features, usual), usual, features, OpenConcerns(profile, history))[0];
    }

    /// <summary>
    /// The chance the lead is won if each action is taken now, catalogue order; 0 for an action the team takes in
    /// fewer than <see cref="AdviceSettings.MinimumPractice"/> of such cases (no data to judge it by), except the team's
    /// usual action, which is always judged.
    /// </summary>
    public double[] ActionProbabilities(LeadFeatures features) => ActionProbabilities(features, PracticeProbabilities(features));

    /// <summary><see cref="ActionProbabilities(LeadFeatures)"/> with the team's practice here (<paramref name="usual"/>) already known.</summary>
    public double[] ActionProbabilities(LeadFeatures features, double[] usual)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(usual);
        var candidate = features.Copy();
        var mode = Array.IndexOf(usual, usual.Max());
        var p = new double[ActionCatalogue.Count];
        for (var i = 0; i < p.Length; i++)
        {
            if (usual[i] < Advice.MinimumPractice && i != mode && !(Advice.AnswerShownSignals && AnswersShownSignal(features, i)))
            {
                continue;
            }

            candidate.SetCandidate(ActionCatalogue.All[i].Id);
            p[i] = actions.Predict(candidate).Probability;
        }

        return p;
    }

    /// <summary>
    /// Whether the action at <paramref name="index"/> answers a signal the customer showed and has not been taken on
    /// this lead yet (the catalogue's pairing: an installment plan for price sensitivity ...). The team's logs hold
    /// that answer wherever its signal showed, so the outcome model judges it from data even where the team seldom
    /// takes it at this point (an older signal, another stage).
    /// </summary>
    public static bool AnswersShownSignal(LeadFeatures features, int index)
    {
        ArgumentNullException.ThrowIfNull(features);
        return ActionCatalogue.Answers(ActionCatalogue.All[index].Id) is { } signal
            && features.CountOf(signal) > 0
            && features.PastActions[index] == 0;
    }

    /// <summary>
    /// The advice's order, best first: actions by their chance of winning (<paramref name="p"/>, from
    /// <see cref="ActionProbabilities(LeadFeatures, double[])"/>), the team's usual action here (<paramref name="usual"/>) credited with
    /// <see cref="AdviceSettings.Margin"/> so another action must beat it clearly to replace it.
    /// </summary>
    public int[] AdviceOrder(double[] p, double[] usual)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(usual);
        var mode = Array.IndexOf(usual, usual.Max());
        return Evaluation.Metrics.Rank([.. p.Select((x, i) => x > 0 && i == mode ? x + Advice.Margin : x)]);
    }

    /// <summary>
    /// The advice's order when the concern model is on (<paramref name="open"/> not null): the step
    /// <see cref="ConcernAdvice"/> picks first, then <see cref="AdviceOrder(double[], double[])"/>.
    /// </summary>
    public int[] AdviceOrder(double[] p, double[] usual, LeadFeatures features, double[]? open) =>
        FirstThen(ConcernStep(features, open)?.Action, AdviceOrder(p, usual));

    /// <summary>The outcome model's advised action's index (catalogue order), without the concern model.</summary>
    public int Advise(LeadFeatures features)
    {
        var usual = PracticeProbabilities(features);
        return AdviceOrder(ActionProbabilities(features, usual), usual)[0];
    }

    /// <summary>The chance the lead is won if the candidate action set on <paramref name="features"/> is taken now (no support check).</summary>
    public double OutcomeIfTaken(LeadFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return actions.Predict(features).Probability;
    }

    /// <summary>How often the team takes each action in a case like this one (catalogue order).</summary>
    public double[] PracticeProbabilities(LeadFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        var score = practice.Predict(features).Score;
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
    /// The <paramref name="count"/> best actions (<see cref="AdviceOrder(double[], double[], LeadFeatures, double[])"/>), each with up to three reasons: the groups
    /// of evidence that raise that action's chance of winning most. A group's lift is the mean of what removing it from the lead costs and
    /// what adding it alone to a lead without any evidence gains (two orderings of a Shapley value), so evidence
    /// that repeats other evidence (price tags and a past installment offer) still counts.
    /// </summary>
    public IReadOnlyList<RankedAction> Recommend(LeadFeatures features, int count = 3)
    {
        var usual = PracticeProbabilities(features);
        return Recommend(features, ActionProbabilities(features, usual), usual, count, explain: true);
    }

    /// <summary>
    /// The <paramref name="count"/> best of <paramref name="p"/> (this lead's <see cref="ActionProbabilities(LeadFeatures, double[])"/>
    /// for the team's practice <paramref name="usual"/>), with reasons when <paramref name="explain"/>.
    /// </summary>
    public IReadOnlyList<RankedAction> Recommend(LeadFeatures features, double[] p, double[] usual, int count, bool explain, double[]? open = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(p);
        var step = ConcernStep(features, open);
        var top = FirstThen(step?.Action, AdviceOrder(p, usual)).Take(count).ToArray();
        var concern = step?.Concern;
        if (top.Length > 0 && p[top[0]] == 0)
        {
            // The concern model's step where the team seldom takes it: the outcome model was not asked, so ask it now
            // (the chance shown beside the advice is never a bare 0).
            var candidate = features.Copy();
            candidate.SetCandidate(ActionCatalogue.All[top[0]].Id);
            p = (double[])p.Clone();
            p[top[0]] = OutcomeIfTaken(candidate);
        }
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
        return [.. top.Select((i, rank) => new RankedAction(
            ActionCatalogue.All[i].Id,
            ActionCatalogue.All[i].Card,
            p[i],
            [.. (rank == 0 && concern is { } c ? [ConcernAdvice.Reason(c, open![c])] : Array.Empty<string>()).Concat(
                present.Select((g, j) => (Group: g, Lift: ((p[i] - without[j][i]) + (alone[j][i] - baseline[i])) / 2))
                .Where(x => x.Lift > 0.01)
                .OrderByDescending(x => x.Lift)
                .Select(x => x.Group.Describe(features)))
                .Take(3)]))];
    }

    /// <summary>The concern model's step for this lead (<see cref="ConcernAdvice.Choose"/>), or null when it is off or has no chances.</summary>
    private (int Action, int? Concern)? ConcernStep(LeadFeatures features, double[]? open) =>
        open is not null && Advice.ConcernThreshold is { } threshold ? ConcernAdvice.Choose(features, open, threshold) : null;

    private static int[] FirstThen(int? first, int[] order) => first is { } f ? [f, .. order.Where(i => i != f)] : order;
}

/// <summary>How advice is drawn from the outcome and practice models.</summary>
/// <param name="MinimumPractice">
/// An action the team takes in fewer than this share of similar cases is not advised: the logged data cannot say
/// what it brings there (a model would only be guessing beyond what it saw).
/// </param>
/// <param name="Margin">The win chance another action must gain over the team's usual one to replace it.</param>
/// <param name="AnswerShownSignals">
/// Whether an untaken answer to a signal the customer showed is judged whatever the team's practice here
/// (<see cref="ModelPredictor.AnswersShownSignal"/>).
/// </param>
/// <param name="ConcernThreshold">
/// When set, the first advice is <see cref="ConcernAdvice"/>'s step: the answer to the concern most likely still open
/// when that chance is at least this, else the stage's next step; null leaves the outcome model alone to advise.
/// </param>
public sealed record class AdviceSettings(double MinimumPractice, double Margin, bool AnswerShownSignals = false, double? ConcernThreshold = null)
{
    /// <summary>The settings chosen on the base world's validation split (docs/BENCHMARKS.md).</summary>
    public static AdviceSettings Frozen { get; } = new(0.3, 0.02, ConcernThreshold: 0.25);

    /// <summary>The grid the validation split chose from.</summary>
    public static IReadOnlyList<AdviceSettings> Candidates { get; } =
    [
        .. new[] { false, true }.SelectMany(a => new[] { 0.05, 0.1, 0.2, 0.3 }.SelectMany(m => new[] { 0.0, 0.01, 0.02 }.Select(d => new AdviceSettings(m, d, a)))),
        .. new[] { 0.2, 0.25, 0.3, 0.4, 0.5 }.Select(t => new AdviceSettings(0.3, 0.02, ConcernThreshold: t)),
    ];
}
