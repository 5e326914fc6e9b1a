namespace CrmActors.GrainInterfaces.Routing;

/// <summary>A lead to route (the routing library's JSON form) and the reps it must not go to (previous owners).</summary>
[GenerateSerializer, Immutable, Alias("crm.RouteRequest")]
public sealed record class RouteRequest(string LeadId, string LeadJson, IReadOnlyList<string> Exclude);
