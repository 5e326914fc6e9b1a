namespace CrmActors.Routing;

/// <summary>The names of the score components, in the order a <see cref="CandidateScore"/> lists them.</summary>
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

    /// <summary>Every component, in order.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Industry, InstitutionLevel, Product, Region, Language, BudgetBand, PastWins, Capacity, Fairness, Urgency];
}
