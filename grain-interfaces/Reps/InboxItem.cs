namespace CrmActors.GrainInterfaces.Reps;

/// <summary>A to-do or alert in a rep's (or supervisor's) inbox. The id makes delivery idempotent.</summary>
[GenerateSerializer, Immutable, Alias("crm.InboxItem")]
public sealed record class InboxItem(
    string Id,
    string Kind,
    string Title,
    string? LeadId,
    DateTimeOffset CreatedAt);
