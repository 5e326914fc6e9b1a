namespace CrmActors.GrainInterfaces.Routing;

/// <summary>
/// A tenant's routing rule sets: one draft, published versions, and the active one. Rule sets travel as
/// JSON (the routing library's form). Key: "{tenant}/routing-rules".
/// </summary>
public interface IRoutingRulesGrain : IGrainWithStringKey
{
    /// <summary>The id part of every tenant's key.</summary>
    const string Id = "routing-rules";

    /// <summary>The draft, the versions and which one is live.</summary>
    Task<RoutingRulesSnapshot> GetAsync();

    /// <summary>The live rule set with the revision it is at; a plain read that never waits behind this actor's own calls.</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<LiveRuleSet> GetLiveAsync();

    /// <summary>The live version, or null when nothing is published (cheap: intake asks it to decide whether to route).</summary>
    [Orleans.Concurrency.AlwaysInterleave]
    Task<int?> GetActiveVersionAsync();

    /// <summary>Replaces the draft when it validates against the current roster; otherwise returns the errors and keeps the old draft.</summary>
    Task<RuleSetCheck> SaveDraftAsync(string ruleSetJson, string by);

    /// <summary>
    /// Routes sample leads with the draft against the live roster: posted ones (routing JSON) and real ones of this
    /// tenant by id, in that order; nothing is stored or assigned.
    /// </summary>
    Task<IReadOnlyList<string>> TestDraftAsync(IReadOnlyList<string> leadsJson, IReadOnlyList<string> leadIds);

    /// <summary>
    /// Publishes the draft as the next version and makes it live, in one step; refused if it no longer validates. The
    /// tenant's router has it before this answers.
    /// </summary>
    Task<RuleSetCheck> PublishAsync(string by);

    /// <summary>Makes an earlier published version live again; the tenant's router has it before this answers.</summary>
    Task<RoutingRulesSnapshot> RollbackAsync(int version, string by);
}
