using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.GrainInterfaces.Routing;

/// <summary>
/// A tenant's router: one activation per tenant holds the live rule set compiled against the roster, and every rep's
/// load as it is now (open leads the rep has stored, plus the leads that decisions reserved for the rep while their
/// assignments are being stored). Rule publishes and rollbacks, and every change of a rep's profile or load, reach it
/// before they are acknowledged, so every decision that starts after a change is acknowledged uses it, on any silo.
/// The router never waits on a rep or the rules actor except for its first read of them, so the actors that wait on
/// it cannot hold it up. Key: "{tenant}/router".
/// </summary>
public interface IRouterGrain : IGrainWithStringKey
{
    /// <summary>The id part of every tenant's key.</summary>
    const string Id = "router";

    /// <summary>
    /// Decides where a lead goes under the live rule set, from the loads as they are now, and reserves room with the
    /// chosen rep until the rep reports the lead as taken or the reservation is released. Throws Conflict when no rule
    /// set is published (or the live one no longer fits the roster), Invalid when the lead's score is outside 0 to 1.
    /// A lead without a score is scored on its profile by the silo's model, only when the live rules weigh the score.
    /// </summary>
    Task<RouteResult> RouteAsync(RouteRequest request);

    /// <summary>The assignment a decision reserved room for was not stored: the rep gets the room back (idempotent).</summary>
    Task ReleaseAsync(string leadId);

    /// <summary>A rep's profile changed (the rep sends this after its write, before it answers); an older revision is ignored.</summary>
    Task RepChangedAsync(RepStatus status);

    /// <summary>
    /// A rep's load changed (a lead taken, released or closed), sent one-way after the rep's write, so a rep never waits
    /// on the router while it holds a lead's hand-over; an older revision is ignored.
    /// </summary>
    [Orleans.Concurrency.OneWay]
    Task RepLoadChangedAsync(RepStatus status);

    /// <summary>The live rule set changed (the rules actor sends this after a publish or rollback, before it answers).</summary>
    Task RulesChangedAsync(LiveRuleSet rules);

    /// <summary>Every rep's load as decisions see it now (open leads stored plus reserved, and recent assignments).</summary>
    Task<IReadOnlyDictionary<string, RepLoadView>> GetLoadsAsync();
}
