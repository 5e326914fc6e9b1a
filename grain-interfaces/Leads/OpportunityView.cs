namespace CrmActors.GrainInterfaces.Leads;

/// <summary>Whether the lead counts as an opportunity under the tenant's checks, and each check with why.</summary>
[GenerateSerializer, Immutable, Alias("crm.OpportunityView")]
public sealed record class OpportunityView(bool Counts, IReadOnlyList<OpportunityCheckResult> Checks, DateTimeOffset? ClaimedAt, string? ClaimedBy, DateTimeOffset? ConfirmedAt, string? ConfirmedBy);

/// <summary>One opportunity check.</summary>
[GenerateSerializer, Immutable, Alias("crm.OpportunityCheckResult")]
public sealed record class OpportunityCheckResult(string Name, bool Passed, string Detail);
