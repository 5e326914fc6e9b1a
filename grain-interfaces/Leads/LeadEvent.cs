namespace CrmActors.GrainInterfaces.Leads;

/// <summary>One step in a lead's history, as recorded by the lead itself.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadEvent")]
public sealed record class LeadEvent(DateTimeOffset At, string Type, string Detail);
