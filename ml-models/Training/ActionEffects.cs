using Microsoft.ML;
using Microsoft.ML.Data;

namespace CrmActors.MlModels.Training;

/// <summary>
/// What each action adds to a lead's log-odds of winning, in the situation it is taken in: a logistic regression with
/// one row per closed lead, whose columns are the sum over the lead's decisions of the situation the action met
/// (<see cref="Context"/>, one block per action) beside the lead's profile. The lead's one outcome is so shared out
/// among its decisions additively, as a tree over single decisions cannot: there every decision of a won lead looks
/// good. Advice is the action whose block scores the situation highest.
/// </summary>
public sealed class ActionEffects
{
    /// <summary>Columns per action block (<see cref="Context"/>).</summary>
    public const int ContextWidth = 12;

    private const int ProfileWidth = 18;
    private const int Width = (ActionCatalogue.Count * ContextWidth) + ProfileWidth;

    private readonly float[] weights;

    private ActionEffects(float[] weights) => this.weights = weights;

    /// <summary>The fitted weights, action blocks first (for reports and tests).</summary>
    public IReadOnlyList<float> Weights => weights;

    /// <summary>Fits the effects on the closed leads of <paramref name="training"/>.</summary>
    public static ActionEffects Train(IReadOnlyList<LeadHistory> training, int seed, float l2 = 1f)
    {
        ArgumentNullException.ThrowIfNull(training);
        var rows = new List<LeadRow>();
        var context = new float[ContextWidth];
        foreach (var lead in training.Where(l => l.Won is not null))
        {
            var row = new LeadRow { Won = lead.Won == true };
            Profile(lead.Profile, lead.Interactions.Count, row.Features.AsSpan(ActionCatalogue.Count * ContextWidth));
            for (var k = 0; k < lead.Interactions.Count; k++)
            {
                if (FeatureExtractor.DecisionPoint(lead, k) is not { } f)
                {
                    continue;
                }

                var index = ActionCatalogue.IndexOf(f.Action);
                var block = row.Features.AsSpan(index * ContextWidth, ContextWidth);
                Context(f, index, context);
                for (var j = 0; j < ContextWidth; j++)
                {
                    block[j] += context[j];
                }
            }

            rows.Add(row);
        }

        var ml = new MLContext(seed);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression(nameof(LeadRow.Won), nameof(LeadRow.Features), l2Regularization: l2, l1Regularization: 0)
            .Fit(ml.Data.LoadFromEnumerable(rows));
        return new ActionEffects([.. model.Model.SubModel.Weights]);
    }

    /// <summary>What taking each action now adds to the log-odds of winning (catalogue order).</summary>
    public double[] Scores(LeadFeatures features, bool stalled)
    {
        ArgumentNullException.ThrowIfNull(features);
        var scores = new double[ActionCatalogue.Count];
        Span<float> context = stackalloc float[ContextWidth];
        var candidate = features.Copy();
        for (var i = 0; i < scores.Length; i++)
        {
            candidate.SetCandidate(ActionCatalogue.All[i].Id);
            Context(candidate, i, context);
            var score = 0.0;
            for (var j = 0; j < ContextWidth; j++)
            {
                score += weights[(i * ContextWidth) + j] * context[j];
            }

            scores[i] = score;
        }

        return scores;
    }

    /// <summary>
    /// The situation an action meets, as the CRM shows it: whether the signal it answers showed (once, twice), whether
    /// it was done already or just now, the stage, a stall, the customer's intent signals, and how many shown concerns
    /// are still unanswered.
    /// </summary>
    public static void Context(LeadFeatures f, int action, Span<float> c)
    {
        ArgumentNullException.ThrowIfNull(f);
        var id = ActionCatalogue.All[action].Id;
        var evidence = id == "schedule-demo" ? f.CompetitorBeforeDemo : f.CandidateEvidence;
        var stalled = f.HoursSinceLastTouch > FeatureExtractor.StallHours ? 1f : 0f;
        var intent = f.PriceAsks + f.PricingViews + f.Downloads;
        var shown = evidence >= 1 ? 1f : 0f;
        c[0] = 1;
        c[1] = shown;
        c[2] = evidence >= 2 ? 1 : 0;
        c[3] = f.CandidateDone > 0 ? 1 : 0;
        c[4] = shown * (f.CandidateDone > 0 ? 0 : 1);
        c[5] = f.DemoDone;
        c[6] = f.QuoteSent;
        c[7] = stalled;
        c[8] = shown * stalled;
        c[9] = intent >= 1 ? 1 : 0;
        c[10] = intent >= 2 ? 1 : 0;
        c[11] = Math.Min(3, UnansweredConcerns(f));
    }

    private static int UnansweredConcerns(LeadFeatures f)
    {
        var open = 0;
        for (var i = 0; i < ActionCatalogue.Count; i++)
        {
            var id = ActionCatalogue.All[i].Id;
            if (id != "send-quote" && ActionCatalogue.Answers(id) is { } signal && f.CountOf(signal) > 0 && f.PastActions[i] == 0)
            {
                open++;
            }
        }

        return open;
    }

    private static void Profile(LeadProfile profile, int steps, Span<float> p)
    {
        var industries = Simulation.SimulatorRules.Industries;
        var channels = Simulation.SimulatorRules.Channels;
        for (var i = 0; i < industries.Count; i++)
        {
            p[i] = industries[i].Name == profile.Industry ? 1 : 0;
        }

        for (var i = 0; i < channels.Count; i++)
        {
            p[6 + i] = channels[i].Name == profile.Channel ? 1 : 0;
        }

        for (var b = 0; b < 4; b++)
        {
            p[11 + b] = profile.BudgetBand == b ? 1 : 0;
        }

        p[15] = profile.Quality == 0 ? 1 : 0;
        p[16] = profile.Quality / 5f;
        p[17] = steps / 10f;
    }

    private sealed class LeadRow
    {
        public bool Won { get; set; }

        [VectorType(Width)]
        public float[] Features { get; set; } = new float[Width];
    }
}
