namespace CrmActors.GrainInterfaces.Leads;

/// <summary>A contact with the lead by its owner (a call, a chat, a visit...).</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadTouch")]
public sealed record class LeadTouch(string Kind, string? Note, string ByUser);
