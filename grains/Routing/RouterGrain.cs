using System.Diagnostics;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;

namespace CrmActors.Grains.Routing;

/// <summary>
/// Routing decisions from an in-memory snapshot: the live rule set compiled once per version and the
/// roster with its loads, refreshed every <see cref="RefreshEvery"/>. A decision itself calls nothing; a
/// publish or a roster change is seen within the refresh period, and every decision uses one consistent
/// version. Between refreshes the activation counts the leads it sent to each rep, so a burst spreads.
/// </summary>
[StatelessWorker]
public sealed class RouterGrain([FromKeyedServices(CrmClock.Key)] TimeProvider clock) : Grain, IRouterGrain
{
    /// <summary>How old a snapshot may get before it is read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private CompiledRuleSet? _router;
    private int _version;
    private Dictionary<string, RepLoad> _loads = new(StringComparer.Ordinal);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public async Task<RouteResult> RouteAsync(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        if (_router is null || now - _readAt >= RefreshEvery)
        {
            var refreshing = Stopwatch.GetTimestamp();
            await RefreshAsync(now);
            RoutingMetrics.RefreshDuration.Record(Stopwatch.GetElapsedTime(refreshing).TotalSeconds);
        }

        var started = Stopwatch.GetTimestamp();
        var lead = JsonSerializer.Deserialize<RoutingLead>(request.LeadJson, RoutingJson.Options)
            ?? throw CrmException.Invalid("lead", "A lead is required.");
        var decision = _router!.Route(lead, _loads, now, request.Exclude.Count == 0 ? null : request.Exclude.ToHashSet(StringComparer.Ordinal));
        var ranked = decision.Candidates.Where(c => c.Eligible).OrderBy(c => c.Rank ?? int.MaxValue).Select(c => c.RepId).ToArray();
        if (decision.ChosenRepId is { } chosen && _loads.TryGetValue(chosen, out var load))
        {
            _loads[chosen] = new RepLoad(load.OpenLeads + 1, load.RecentAssignments + 1);
        }

        var result = new RouteResult(
            _version, decision.RuleId, ranked, decision.FirstTouchSla, JsonSerializer.Serialize(StoredExplanation.Condense(decision), RoutingJson.Options),
            decision.CoAssignment?.RepId, decision.CoAssignment?.Role == CoAssignRole.Supervisor,
            [.. decision.Notify.Select(RoutingJson.Name)]);
        RoutingMetrics.DecisionDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    private async Task RefreshAsync(DateTimeOffset now)
    {
        var rules = await GrainFactory.GetGrain<IRoutingRulesGrain>(GrainKeys.For(Tenant, IRoutingRulesGrain.Id)).GetAsync();
        var live = rules.Versions.FirstOrDefault(v => v.Version == rules.ActiveVersion)
            ?? throw new CrmException(CrmErrorCode.Conflict, "No routing rules are published for this tenant; publish a rule set first.", "routing");
        var roster = await RosterSnapshot.ReadAsync(GrainFactory, Tenant);
        var ruleSet = JsonSerializer.Deserialize<RuleSet>(live.Json, RoutingJson.Options)!;

        // A published set was valid against the roster of its day; a rep named by it may be gone since.
        try
        {
            _router = CompiledRuleSet.Create(ruleSet, roster.Reps);
        }
        catch (RuleSetValidationException ex)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"The live rule set (version {live.Version}) no longer fits the roster: {ex.Errors[0]}. Publish a corrected version.", "routing");
        }

        _version = live.Version;
        _loads = new Dictionary<string, RepLoad>(roster.Loads, StringComparer.Ordinal);
        _readAt = now;
    }
}
