namespace CrmActors.GrainInterfaces.Reps;

/// <summary>Who a rep is and how much they can carry.</summary>
[GenerateSerializer, Immutable, Alias("crm.RepProfile")]
public sealed record class RepProfile(
    string DisplayName,
    string? Email,
    string? SupervisorId,
    int Capacity,
    bool Active);
