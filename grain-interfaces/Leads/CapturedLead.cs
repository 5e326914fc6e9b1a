namespace CrmActors.GrainInterfaces.Leads;

/// <summary>A lead as intake stored it in its customer: enough for the lead actor to start from.</summary>
[GenerateSerializer, Immutable, Alias("crm.CapturedLead")]
public sealed record class CapturedLead(string LeadId, NewLead Lead, DateTimeOffset CreatedAt);
