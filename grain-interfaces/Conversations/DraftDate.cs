namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>A drafted date (local day in the tenant's zone), the words that named it, and its evidence.</summary>
[GenerateSerializer, Immutable, Alias("crm.DraftDate")]
public sealed record class DraftDate(DateOnly Date, string Phrase, DraftEvidence Evidence);
