namespace CrmActors.GrainInterfaces.Routing;

/// <summary>
/// Routing decisions for a tenant, from an in-memory snapshot of the live rule set and roster (a stateless
/// worker: as many activations as load needs, no database on the decision path). Key: "{tenant}/router".
/// </summary>
public interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>The id part of every tenant's key.</summary>
    const string Id = "router";

    /// <summary>Decides where a lead goes under the live rule set; throws Conflict when none is published.</summary>
    Task<RouteResult> RouteAsync(RouteRequest request);
}
