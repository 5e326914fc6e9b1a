namespace CrmActors.GrainInterfaces.Reports;

/// <summary>Who receives a daily report and which part of the tenant it covers.</summary>
[GenerateSerializer, Immutable, Alias("crm.ReportRecipient")]
public sealed record class ReportRecipient(string UserId, ReportScope Scope);
