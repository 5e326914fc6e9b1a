using CrmActors.FollowUp;

namespace CrmActors.GrainInterfaces.Leads;

/// <summary>The lead's quality light, why, and whether it went back to marketing.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadQuality")]
public sealed record class LeadQuality(QualityLight Light, string Reason, DateTimeOffset JudgedAt, DateTimeOffset? ReturnedAt = null);

/// <summary>A next-step hint for the lead and why it fired.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadHint")]
public sealed record class LeadHint(string Id, string Card, string Reason);
