using Microsoft.ML.Data;

namespace CrmActors.MlModels;

/// <summary>
/// The feature schema both models read: a lead's attributes and its history up to a decision point. Counts are
/// interactions showing a signal (at most one per interaction). <see cref="SchemaVersion"/> changes whenever a
/// feature column is added, removed or changes meaning; a model trained on another version is refused.
/// </summary>
public sealed class LeadFeatures
{
    /// <summary>The schema's version, stored in every model manifest.</summary>
    public const int SchemaVersion = 3;

    public float PriceSensitive { get; set; }
    public float DeliveryQuestions { get; set; }
    public float CompetitorBeforeDemo { get; set; }
    public float CompetitorAfterDemo { get; set; }
    public float AfterSalesViews { get; set; }
    public float TechnicalQuestions { get; set; }
    public float Hesitations { get; set; }
    public float PriceAsks { get; set; }
    public float PricingViews { get; set; }
    public float Downloads { get; set; }

    /// <summary>Rep actions so far.</summary>
    public float Interactions { get; set; }

    /// <summary>How many times each action (catalogue order) was taken so far.</summary>
    [VectorType(ActionCatalogue.Count)]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1819", Justification = "ML.NET reads vector columns as arrays.")]
    public float[] PastActions { get; set; } = new float[ActionCatalogue.Count];

    /// <summary>Past gaps between touches longer than five days.</summary>
    public float PastStalls { get; set; }

    /// <summary>Rep actions from the first demo on (the demo included).</summary>
    public float InteractionsAfterDemo { get; set; }

    /// <summary>1 when the latest interaction's words hesitate (what the phrase rule reads).</summary>
    public float LatestHesitation { get; set; }

    /// <summary>1 when the latest interaction's words ask for a price.</summary>
    public float LatestPriceAsk { get; set; }

    public float DemoDone { get; set; }
    public float QuoteSent { get; set; }

    /// <summary>Hours from the previous interaction (or capture) to the decision point.</summary>
    public float HoursSinceLastTouch { get; set; }

    public float DaysSinceCreated { get; set; }

    /// <summary>0 new, 1 contacted, 2 demonstrated, 3 proposal.</summary>
    public float Stage { get; set; }

    public float BudgetBand { get; set; }
    public float Quality { get; set; }
    public string Industry { get; set; } = "unknown";
    public string Channel { get; set; } = "unknown";
    public string LastAction { get; set; } = "none";
    public string PreviousAction { get; set; } = "none";

    /// <summary>Training label of the next-action model: the action taken next (empty when serving).</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>Training label of the scoring model.</summary>
    public bool Won { get; set; }

    /// <summary>Training only: the lead was closed, so <see cref="Won"/> is its outcome (open leads train the next-action model only).</summary>
    public bool Closed { get; set; }

    /// <summary>The numeric columns, in the order the pipelines concatenate them.</summary>
    public static IReadOnlyList<string> NumericColumns { get; } =
    [
        nameof(PriceSensitive), nameof(DeliveryQuestions), nameof(CompetitorBeforeDemo), nameof(CompetitorAfterDemo),
        nameof(AfterSalesViews), nameof(TechnicalQuestions), nameof(Hesitations), nameof(PriceAsks), nameof(PricingViews),
        nameof(Downloads), nameof(Interactions), nameof(InteractionsAfterDemo), nameof(LatestHesitation), nameof(LatestPriceAsk),
        nameof(DemoDone), nameof(QuoteSent), nameof(HoursSinceLastTouch), nameof(DaysSinceCreated), nameof(Stage),
        nameof(BudgetBand), nameof(Quality), nameof(PastActions), nameof(PastStalls), nameof(Points),
    ];

    /// <summary>The categorical columns (one-hot encoded).</summary>
    /// <summary>
    /// The candidate action's own columns, read by the next-action model only (for the others they would reveal the
    /// action the team took next): <see cref="CandidateDone"/>, <see cref="CandidateIsLast"/>, <see cref="CandidateEvidence"/>.
    /// </summary>
    public static IReadOnlyList<string> CandidateColumns { get; } = [nameof(CandidateDone), nameof(CandidateIsLast), nameof(CandidateEvidence)];

    /// <summary>
    /// The points score a CRM would ship (<see cref="Evaluation.RuleBaseline.PointsScore"/>): given to the models so a
    /// tenant with few closed leads starts from what it encodes instead of learning it from a handful of wins.
    /// </summary>
    public float Points { get; set; }

    /// <summary>How many times the candidate action (<see cref="Action"/>) was already taken on this lead.</summary>
    public float CandidateDone { get; set; }

    /// <summary>1 when the candidate action is the last action taken.</summary>
    public float CandidateIsLast { get; set; }

    /// <summary>How many interactions showed the signal the candidate action answers (<see cref="ActionCatalogue.Answers"/>).</summary>
    public float CandidateEvidence { get; set; }

    /// <summary>Sets <see cref="Action"/> and the candidate's own columns.</summary>
    public void SetCandidate(string action)
    {
        Action = action;
        var index = ActionCatalogue.IndexOf(action);
        CandidateDone = index < 0 ? 0 : PastActions[index];
        CandidateIsLast = LastAction == action ? 1 : 0;
        CandidateEvidence = ActionCatalogue.Answers(action) is { } signal ? CountOf(signal) : 0;
    }

    /// <summary>The categorical columns (one-hot encoded).</summary>
    public static IReadOnlyList<string> CategoricalColumns { get; } =
        [nameof(Industry), nameof(Channel), nameof(LastAction), nameof(PreviousAction)];

    /// <summary>The count of interactions showing <paramref name="signal"/> (competitor: before and after the demo together).</summary>
    public float CountOf(Signal signal) => signal switch
    {
        Signal.PriceSensitive => PriceSensitive,
        Signal.DeliveryQuestion => DeliveryQuestions,
        Signal.Competitor => CompetitorBeforeDemo + CompetitorAfterDemo,
        Signal.AfterSalesView => AfterSalesViews,
        Signal.TechnicalQuestion => TechnicalQuestions,
        Signal.Hesitation => Hesitations,
        Signal.PriceAsk => PriceAsks,
        Signal.PricingView => PricingViews,
        Signal.Download => Downloads,
        _ => 0,
    };

    /// <summary>A copy (for explanations that reset one group of columns).</summary>
    public LeadFeatures Copy()
    {
        var copy = (LeadFeatures)MemberwiseClone();
        copy.PastActions = (float[])PastActions.Clone();
        return copy;
    }
}
