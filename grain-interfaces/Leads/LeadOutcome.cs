namespace CrmActors.GrainInterfaces.Leads;

/// <summary>How a lead ended: won or lost, why, and who said so.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadOutcome")]
public sealed record class LeadOutcome(bool Won, string? Reason, string RecordedBy);
