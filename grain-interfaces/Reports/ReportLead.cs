namespace CrmActors.GrainInterfaces.Reports;

/// <summary>A lead named in a report (a trusted lead, or one that went red) with why.</summary>
[GenerateSerializer, Immutable, Alias("crm.ReportLead")]
public sealed record class ReportLead(string LeadId, string Name, string? OwnerRepId, string Detail);
