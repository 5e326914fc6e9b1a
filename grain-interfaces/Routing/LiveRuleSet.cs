namespace CrmActors.GrainInterfaces.Routing;

/// <summary>
/// The live rule set as of the rules actor's <paramref name="Revision"/> (which grows with every publish and rollback,
/// so a router can tell an older message from a newer one): its version and JSON, or none.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.LiveRuleSet")]
public sealed record class LiveRuleSet(long Revision, int? Version, string? Json);
