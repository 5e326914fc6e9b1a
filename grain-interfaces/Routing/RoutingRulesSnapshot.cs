namespace CrmActors.GrainInterfaces.Routing;

/// <summary>A tenant's rule sets at one moment.</summary>
[GenerateSerializer, Immutable, Alias("crm.RoutingRulesSnapshot")]
public sealed record class RoutingRulesSnapshot(string? DraftJson, DateTimeOffset? DraftSavedAt, string? DraftSavedBy, int? ActiveVersion, IReadOnlyList<PublishedRuleSet> Versions);
