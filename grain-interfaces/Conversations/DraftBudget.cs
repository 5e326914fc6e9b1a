namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>The drafted budget with its evidence.</summary>
[GenerateSerializer, Immutable, Alias("crm.DraftBudget")]
public sealed record class DraftBudget(decimal? Min, decimal Max, string Currency, DraftEvidence Evidence);
