namespace CrmActors.GrainInterfaces.Routing;

/// <summary>A published, immutable rule set version.</summary>
[GenerateSerializer, Immutable, Alias("crm.PublishedRuleSet")]
public sealed record class PublishedRuleSet(int Version, string Json, DateTimeOffset PublishedAt, string PublishedBy);
