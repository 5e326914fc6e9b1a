namespace CrmActors.GrainInterfaces.Reps;

/// <summary>A rep as a reader sees them.</summary>
[GenerateSerializer, Immutable, Alias("crm.RepSnapshot")]
public sealed record class RepSnapshot(
    string Id,
    RepProfile Profile,
    IReadOnlyList<string> OpenLeadIds,
    int InboxCount);
