namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>A drafted value with its evidence.</summary>
[GenerateSerializer, Immutable, Alias("crm.DraftField")]
public sealed record class DraftField(string Value, DraftEvidence Evidence);
