using System.Diagnostics;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace CrmActors.Grains.Routing;

/// <summary>
/// Routing decisions from an in-memory snapshot: the live rule set compiled once per version and the
/// roster with its loads, refreshed in the background once <see cref="RefreshEvery"/> old. A decision calls
/// nothing (only an activation's very first one waits for its snapshot); a publish or a roster change is seen
/// within about the refresh period, and every decision uses one consistent version. Between refreshes the activation counts the leads it sent to each rep, so a burst spreads.
/// </summary>
[StatelessWorker]
public sealed partial class RouterGrain([FromKeyedServices(CrmClock.Key)] TimeProvider clock, ILogger<RouterGrain> logger) : Grain, IRouterGrain
{
    /// <summary>How old a snapshot may get before it is read again.</summary>
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromSeconds(5);

    private CompiledRuleSet? _router;
    private int _version;
    private Dictionary<string, RepLoad> _loads = new(StringComparer.Ordinal);
    private DateTimeOffset _readAt = DateTimeOffset.MinValue;
    private Task? _refreshing;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public async Task<RouteResult> RouteAsync(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = clock.GetUtcNow();
        if (_router is null)
        {
            // The activation's first decision has no snapshot to use yet.
            await TimedRefreshAsync(now);
        }
        else if (now - _readAt >= RefreshEvery && _refreshing is null)
        {
            // Stale: read a new one in the background and decide from the current one meanwhile, so no decision
            // waits on the roster's grains (or the database behind a rep that has to activate).
            _refreshing = RefreshInBackgroundAsync(now);
        }

        var started = Stopwatch.GetTimestamp();
        var lead = JsonSerializer.Deserialize<RoutingLead>(request.LeadJson, RoutingJson.Options)
            ?? throw CrmException.Invalid("lead", "A lead is required.");
        var decision = _router!.Route(lead, _loads, now, request.Exclude.Count == 0 ? null : request.Exclude.ToHashSet(StringComparer.Ordinal));
        var ranked = decision.Candidates.TakeWhile(c => c.Eligible).Select(c => c.RepId).ToArray();
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

    private async Task RefreshInBackgroundAsync(DateTimeOffset now)
    {
        try
        {
            await TimedRefreshAsync(now);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Keep deciding from the snapshot in hand; try again after another period.
            _readAt = now;
            LogRefreshFailed(logger, ex, this.GetPrimaryKeyString());
        }
        finally
        {
            _refreshing = null;
        }
    }

    private async Task TimedRefreshAsync(DateTimeOffset now)
    {
        var started = Stopwatch.GetTimestamp();
        await RefreshAsync(now);
        RoutingMetrics.RefreshDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Router {RouterKey}: refreshing the snapshot failed; deciding from the previous one")]
    private static partial void LogRefreshFailed(ILogger logger, Exception ex, string routerKey);
}
