namespace CrmActors.GrainInterfaces.Reps;

/// <summary>What a rep knows, for routing: each list holds the values the rep covers (empty: no preference).</summary>
[GenerateSerializer, Immutable, Alias("crm.RepExpertise")]
public sealed record class RepExpertise(
    IReadOnlyList<string> Industries,
    IReadOnlyList<string> InstitutionLevels,
    IReadOnlyList<string> Products,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    decimal? DealSizeMin,
    decimal? DealSizeMax);
