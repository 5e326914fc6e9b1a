using CrmActors.GrainInterfaces.Routing;

namespace CrmActors.Grains.Routing;

/// <summary>The persisted rule sets of a tenant.</summary>
[GenerateSerializer, Alias("crm.RoutingRulesState")]
public sealed class RoutingRulesState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "routing-rules";

    [Id(0)] public string? DraftJson { get; set; }
    [Id(1)] public DateTimeOffset? DraftSavedAt { get; set; }
    [Id(2)] public string? DraftSavedBy { get; set; }
    [Id(3)] public int? ActiveVersion { get; set; }
    [Id(4)] public List<PublishedRuleSet> Versions { get; set; } = [];

    /// <summary>Grows with every publish and rollback, so the router can tell an older message about the live set from a newer one.</summary>
    [Id(5)] public long Revision { get; set; }
}
