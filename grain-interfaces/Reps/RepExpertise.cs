namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// What a rep knows, for routing: each list holds the values the rep covers (empty: no preference), and the wins
/// they bring from before (e.g. their previous CRM); wins recorded here accrue on the rep separately.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.RepExpertise")]
public sealed record class RepExpertise(
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> InstitutionLevels,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    decimal? DealSizeMin,
    decimal? DealSizeMax,
    IReadOnlyList<RepWin>? Wins = null);
