namespace CrmActors.GrainInterfaces.Conversations;

/// <summary>Where a drafted value came from: the words, their offset and length in the posted text, who said them and when.</summary>
[GenerateSerializer, Immutable, Alias("crm.DraftEvidence")]
public sealed record class DraftEvidence(string Text, int Start, int Length, string Speaker, DateTimeOffset At);
