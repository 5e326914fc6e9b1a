namespace CrmActors.Routing;

/// <summary>
/// The names of the score components, in the order a <see cref="CandidateScore"/> lists them: the ten of
/// <see cref="All"/> always, then <see cref="LeadScore"/> when the tenant weighs it (<see cref="ScoringWeights.LeadScore"/>
/// above 0), then <see cref="DataQuality"/> likewise, so a list read by position keeps its first ten places.
/// </summary>
public static class ScoreComponents
{
    /// <summary>1 when the rep covers the lead's industry.</summary>
    public const string Industry = "industry";

    /// <summary>1 when the rep covers the lead's institution level.</summary>
    public const string InstitutionLevel = "institutionLevel";

    /// <summary>1 when the rep covers the lead's product.</summary>
    public const string Product = "product";

    /// <summary>1 when the rep covers the lead's region.</summary>
    public const string Region = "region";

    /// <summary>1 when the rep speaks the lead's language.</summary>
    public const string Language = "language";

    /// <summary>1 inside the rep's deal size; outside it, the ratio of the nearer bound to the budget (or vice versa).</summary>
    public const string BudgetBand = "budgetBand";

    /// <summary>similar wins / (similar wins + half point).</summary>
    public const string PastWins = "pastWins";

    /// <summary>(capacity - open leads) / capacity.</summary>
    public const string Capacity = "capacity";

    /// <summary>half point / (half point + recent assignments).</summary>
    public const string Fairness = "fairness";

    /// <summary>1 when the rep is on shift now; its weight is the urgency boost scaled by the lead's urgency.</summary>
    public const string Urgency = "urgency";

    /// <summary>
    /// The lead's win probability x the rep's closing strength (all wins / (all wins + half point)); 0 when the score is
    /// unknown. Listed last, and only when its weight is above 0.
    /// </summary>
    public const string LeadScore = "leadScore";

    /// <summary>
    /// The rep's recent data quality, 0 to 1 (<see cref="RepProfile.DataQuality"/>); 0 when unknown. Listed after
    /// <see cref="LeadScore"/>, and only when its weight is above 0.
    /// </summary>
    public const string DataQuality = "dataQuality";

    /// <summary>The components every breakdown lists, in order (without <see cref="LeadScore"/> and <see cref="DataQuality"/>).</summary>
    public static IReadOnlyList<string> All { get; } =
        [Industry, InstitutionLevel, Product, Region, Language, BudgetBand, PastWins, Capacity, Fairness, Urgency];

    /// <summary>
    /// The components a breakdown lists under <paramref name="weights"/>: <see cref="All"/>, then <see cref="LeadScore"/>
    /// and <see cref="DataQuality"/>, each when weighed.
    /// </summary>
    public static IReadOnlyList<string> For(ScoringWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return (weights.LeadScore > 0, weights.DataQuality > 0) switch
        {
            (true, true) => AllWithBoth,
            (true, false) => AllWithLeadScore,
            (false, true) => AllWithDataQuality,
            _ => All,
        };
    }

    private static readonly IReadOnlyList<string> AllWithLeadScore = [.. All, LeadScore];

    private static readonly IReadOnlyList<string> AllWithDataQuality = [.. All, DataQuality];

    private static readonly IReadOnlyList<string> AllWithBoth = [.. All, LeadScore, DataQuality];
}
