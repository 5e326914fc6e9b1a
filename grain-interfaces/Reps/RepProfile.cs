namespace CrmActors.GrainInterfaces.Reps;

/// <summary>Who a rep is, how much they can carry, and (for routing) their groups, expertise and schedule.</summary>
[GenerateSerializer, Immutable, Alias("crm.RepProfile")]
public sealed record class RepProfile(
    string DisplayName,
    string? Email,
    string? SupervisorId,
    int Capacity,
    bool Active,
    IReadOnlyList<string>? Groups = null,
    RepExpertise? Expertise = null,
    RepSchedule? Schedule = null);
