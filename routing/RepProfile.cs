namespace CrmActors.Routing;

/// <summary>
/// What routing knows about a rep. Group names and ids compare exactly; industries, levels, products,
/// regions and languages compare ignoring case.
/// </summary>
public sealed record class RepProfile
{
    /// <summary>The rep's id, unique in the roster.</summary>
    public required string Id { get; init; }

    /// <summary>The name shown in explanations.</summary>
    public string DisplayName { get; init; } = "";

    /// <summary>The groups the rep belongs to (sales group B, orthopedics, tech-support...).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>Industries the rep has experience in.</summary>
    public IReadOnlyList<string> Industries { get; init; } = [];

    /// <summary>Institution levels the rep has experience with.</summary>
    public IReadOnlyList<string> InstitutionLevels { get; init; } = [];

    /// <summary>Products the rep sells.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];

    /// <summary>Regions the rep covers.</summary>
    public IReadOnlyList<string> Regions { get; init; } = [];

    /// <summary>Languages the rep speaks.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The typical budgets of the rep's deals; null when unknown.</summary>
    public BudgetRange? DealSize { get; init; }

    /// <summary>The rep's wins, summarised by kind.</summary>
    public IReadOnlyList<WinRecord> Wins { get; init; } = [];

    /// <summary>The most open leads the rep may hold; 0 means the rep receives none.</summary>
    public required int Capacity { get; init; }

    /// <summary>When the rep is on shift; null means always.</summary>
    public WorkingHours? WorkingHours { get; init; }

    /// <summary>False for reps who left or are switched off; they never receive leads.</summary>
    public bool Active { get; init; } = true;

    /// <summary>The rep is on leave until this instant and receives no leads before it.</summary>
    public DateTimeOffset? OnLeaveUntil { get; init; }

    /// <summary>The rep's supervisor (escalation target and supervisor co-assignee); need not be in the roster.</summary>
    public string? SupervisorId { get; init; }

    /// <summary>
    /// The rep's recent data quality, 0 to 1 (README.md: key fields complete, evidence attached and logged on time over
    /// the activities the rep logged in the last 30 days); null when unknown (no activity logged in the window), which
    /// the <c>dataQuality</c> component counts as 0.
    /// </summary>
    public double? DataQuality { get; init; }
}
