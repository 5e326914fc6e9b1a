namespace CrmActors.Routing;

/// <summary>
/// A tenant's scoring weights. A candidate's score is the sum over components of weight x raw match, each raw
/// match in [0, 1] (see README.md). The defaults make experience decide among reps who are free, while capacity
/// and fairness together (up to 6 points) keep a burst from piling onto one rep.
/// </summary>
public sealed record class ScoringWeights
{
    /// <summary>The defaults.</summary>
    public static ScoringWeights Default { get; } = new();

    /// <summary>The rep covers the lead's industry.</summary>
    public double Industry { get; init; } = 3;

    /// <summary>The rep covers the lead's institution level.</summary>
    public double InstitutionLevel { get; init; } = 2;

    /// <summary>The rep covers the lead's product.</summary>
    public double Product { get; init; } = 2;

    /// <summary>The rep covers the lead's region.</summary>
    public double Region { get; init; } = 1;

    /// <summary>The rep speaks the lead's language.</summary>
    public double Language { get; init; } = 1;

    /// <summary>The lead's budget lies in the rep's usual deal size (decaying outside it).</summary>
    public double BudgetBand { get; init; } = 1;

    /// <summary>The rep has won similar leads (same industry, product, institution level).</summary>
    public double PastWins { get; init; } = 2;

    /// <summary>The rep's remaining capacity as a share of their capacity.</summary>
    public double Capacity { get; init; } = 3;

    /// <summary>Few recent assignments (a burst spreads instead of piling onto one rep).</summary>
    public double Fairness { get; init; } = 3;

    /// <summary>
    /// The bonus for being on shift now, scaled by urgency: low x0, normal x0.25, high x0.5, critical x1.
    /// </summary>
    public double UrgencyBoost { get; init; } = 2;

    /// <summary>
    /// How much the lead's conversion score counts: raw = the lead's win probability x the rep's closing strength (all
    /// their wins / (all their wins + <see cref="PastWinsHalfPoint"/>)), so the hotter the lead, the more a proven closer
    /// counts. 0 (the default) turns it off: the component is then neither computed nor listed, and no model is asked
    /// for a score at capture.
    /// </summary>
    public double LeadScore { get; init; }

    /// <summary>
    /// How much the rep's recent data quality counts (<see cref="RepProfile.DataQuality"/>: key fields complete, evidence
    /// attached and logged on time, over the activities the rep logged in the last 30 days; unknown counts 0), so reps
    /// who keep clean records receive the leads. 0 (the default) turns it off: the component is then neither computed
    /// nor listed.
    /// </summary>
    public double DataQuality { get; init; }

    /// <summary>
    /// The similar-win count at which the past-wins match reaches 0.5 (raw = wins / (wins + this)); also the count of
    /// all wins at which a rep's closing strength reaches 0.5 (see <see cref="LeadScore"/>).
    /// </summary>
    public double PastWinsHalfPoint { get; init; } = 5;

    /// <summary>The recent-assignment count at which the fairness match falls to 0.5 (raw = this / (this + recent)).</summary>
    public double FairnessHalfPoint { get; init; } = 2;
}
