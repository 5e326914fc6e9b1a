using System.Diagnostics;
using System.Text.Json;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using CrmActors.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace CrmActors.Grains.Routing;

/// <summary>
/// One activation per tenant decides where leads go, from memory: the live rule set compiled against the roster, and
/// each rep's load as it is now. Reps report every change of profile or load after storing it and before answering,
/// and the rules actor reports every publish and rollback, so a decision never acts on a change older than one already
/// acknowledged; each report carries a revision, so one that arrives late changes nothing. A decision reserves room
/// with the rep it picks until the rep reports the lead taken (the lead stores its assignment first) or the lead
/// releases it (its assignment could not be stored); a reservation nobody settles lapses after
/// <see cref="ReservationLifetime"/>, by which time the lead's own retries have put the lead on the rep's list or given
/// up. The activation reads rules and roster when it starts, and the reps again every <see cref="ResyncEvery"/> in case a
/// one-way report of a change of load was lost (only newer revisions change anything). It is reentrant, and that first
/// read is its only await but one: when the live rules weigh the lead score, a lead without a score waits for this
/// silo's model (a stateless worker that calls nothing back) to score its profile, before the decision and its
/// reservation. Reports that arrive during the first read are kept and applied after it by revision, and no rep or rules actor that
/// is waiting on the router can block the read (a cycle that held a stopping silo's deactivation).
/// </summary>
[Reentrant]
public sealed partial class RouterGrain([FromKeyedServices(CrmClock.Key)] TimeProvider clock, ILogger<RouterGrain> logger) : Grain, IRouterGrain
{
    /// <summary>How long room reserved for a lead is held without the rep confirming or the lead releasing it.</summary>
    public static readonly TimeSpan ReservationLifetime = TimeSpan.FromMinutes(2);

    /// <summary>How often every rep is read again, in case a one-way report of a change of load was lost.</summary>
    public static readonly TimeSpan ResyncEvery = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, RosterEntry> _reps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RepLoad> _loads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Reservation> _reservations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _reservedPerRep = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RepStatus> _arrivedWhileLoading = new(StringComparer.Ordinal);
    private LiveRuleSet? _rules;
    private CompiledRuleSet? _compiled;
    private CrmException? _unusable;
    private Task? _loading;
    private bool _loaded;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public async Task<RouteResult> RouteAsync(RouteRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_loaded)
        {
            await (_loading ??= LoadAsync());
        }

        var router = Compiled();
        var lead = ParseLead(request.LeadJson);
        if (lead.Score is null && router.Source.Weights.LeadScore > 0)
        {
            // Only a tenant that weighs the score asks the model, and only for a lead without one (one being captured).
            lead = await WithProfileScoreAsync(lead);
            router = Compiled();
        }

        var now = clock.GetUtcNow();
        ExpireReservations(now);
        var started = Stopwatch.GetTimestamp();
        var decision = router.Route(lead, _loads, now, request.Exclude.Count == 0 ? null : request.Exclude.ToHashSet(StringComparer.Ordinal));

        // The rep actors never refuse a lead that names them: the room is taken here, in the same turn as the decision.
        Unreserve(request.LeadId);
        if (decision.ChosenRepId is { } chosen)
        {
            _reservations[request.LeadId] = new Reservation(chosen, now);
            _reservedPerRep[chosen] = _reservedPerRep.GetValueOrDefault(chosen) + 1;
            RecountLoad(chosen);
        }

        var result = new RouteResult(
            decision.RuleSetVersion, decision.RuleId, decision.ChosenRepId, decision.UnassignedReason, decision.FirstTouchSla,
            JsonSerializer.Serialize(StoredExplanation.Condense(decision), RoutingJson.Options),
            decision.CoAssignment?.RepId, [.. decision.Notify.Select(RoutingJson.Name)], JsonNamingPolicy.CamelCase.ConvertName(decision.Urgency.ToString()));
        RoutingMetrics.DecisionDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        return result;
    }

    /// <inheritdoc />
    public Task ReleaseAsync(string leadId)
    {
        Unreserve(leadId);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RepChangedAsync(RepStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (_loaded)
        {
            Apply(status);
        }
        else if (_loading is not null && (!_arrivedWhileLoading.TryGetValue(status.RepId, out var kept) || status.Supersedes(kept)))
        {
            _arrivedWhileLoading[status.RepId] = status;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RepLoadChangedAsync(RepStatus status) => RepChangedAsync(status);

    /// <inheritdoc />
    public Task RulesChangedAsync(LiveRuleSet rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if ((_loaded || _loading is not null) && rules.Revision > (_rules?.Revision ?? -1))
        {
            _rules = rules;
            Invalidate();
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, RepLoadView>> GetLoadsAsync()
    {
        if (!_loaded)
        {
            await (_loading ??= LoadAsync());
        }

        ExpireReservations(clock.GetUtcNow());
        return _loads.ToDictionary(l => l.Key, l => new RepLoadView(l.Value.OpenLeads, l.Value.RecentAssignments), StringComparer.Ordinal);
    }

    /// <summary>Reads the live rules and every rep once; reports that arrive meanwhile are applied by revision, so none is lost.</summary>
    private async Task LoadAsync()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            var rules = await GrainFactory.GetGrain<IRoutingRulesGrain>(GrainKeys.For(Tenant, IRoutingRulesGrain.Id)).GetLiveAsync();
            var statuses = await ReadRepsAsync();
            if (rules.Revision > (_rules?.Revision ?? -1))
            {
                _rules = rules;
            }

            foreach (var status in statuses.OfType<RepStatus>().Concat(_arrivedWhileLoading.Values))
            {
                Apply(status);
            }

            _arrivedWhileLoading.Clear();
            _loaded = true;
            Invalidate();
            this.RegisterGrainTimer(ResyncAsync, ResyncEvery, ResyncEvery);
            RoutingMetrics.RefreshDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            // A failed read is tried again by the next call.
            _loading = _loaded ? _loading : null;
        }
    }

    private async Task<RepStatus?[]> ReadRepsAsync()
    {
        var ids = await GrainFactory.GetGrain<ITenantRosterGrain>(Tenant).GetRepIdsAsync();
        return await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, id)).GetStatusAsync()));
    }

    /// <summary>Reads every rep again; only reports newer than the router has change anything.</summary>
    private async Task ResyncAsync()
    {
        try
        {
            foreach (var status in (await ReadRepsAsync()).OfType<RepStatus>())
            {
                Apply(status);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogResyncFailed(logger, ex, Tenant);
        }
    }

    private void Apply(RepStatus status)
    {
        // A hand-over the rep confirms is on its list in every report after this one too: the room reserved for it goes
        // back even when a newer report overtook this one on the way (one-way messages are not ordered).
        if (status.TookLeadId is { } took && _reservations.TryGetValue(took, out var reservation) && reservation.RepId == status.RepId)
        {
            Unreserve(took);
        }

        if (_reps.TryGetValue(status.RepId, out var known) && !status.Supersedes(known.Status))
        {
            return;
        }

        _reps[status.RepId] = new RosterEntry(status, RosterSnapshot.ToRouting(status.RepId, status.Profile, status.WonDeals, status.DataQuality));
        RecountLoad(status.RepId);
        if (known is null || known.Status.ProfileRevision != status.ProfileRevision)
        {
            Invalidate();
        }
    }

    private void ExpireReservations(DateTimeOffset now)
    {
        List<string>? lapsed = null;
        foreach (var (leadId, reservation) in _reservations)
        {
            if (now - reservation.At >= ReservationLifetime)
            {
                (lapsed ??= []).Add(leadId);
            }
        }

        foreach (var leadId in lapsed ?? [])
        {
            LogReservationLapsed(logger, Tenant, leadId, _reservations[leadId].RepId);
            Unreserve(leadId);
        }
    }

    private void Unreserve(string leadId)
    {
        if (_reservations.Remove(leadId, out var reservation))
        {
            _reservedPerRep[reservation.RepId]--;
            RecountLoad(reservation.RepId);
        }
    }

    /// <summary>The rep's stored load plus the room reserved for leads not yet on the rep's list.</summary>
    private void RecountLoad(string repId)
    {
        var reserved = _reservedPerRep.GetValueOrDefault(repId);
        var stored = _reps.TryGetValue(repId, out var entry) ? entry.Status : null;
        _loads[repId] = new RepLoad((stored?.OpenLeads ?? 0) + reserved, (stored?.RecentAssignments ?? 0) + reserved);
    }

    private void Invalidate()
    {
        _compiled = null;
        _unusable = null;
    }

    private CompiledRuleSet Compiled()
    {
        if (_compiled is not null)
        {
            return _compiled;
        }

        if (_unusable is not null)
        {
            throw _unusable;
        }

        if (_rules is not { Version: { } version, Json: { } json })
        {
            throw new CrmException(CrmErrorCode.Conflict, "No routing rules are published for this tenant; publish a rule set first.", "routing");
        }

        // A published set was valid against the roster of its day; a rep named by it may be gone since.
        try
        {
            var ruleSet = JsonSerializer.Deserialize<RuleSet>(json, RoutingJson.Options)!;
            return _compiled = CompiledRuleSet.Create(ruleSet, [.. _reps.Values.Select(r => r.Profile)]);
        }
        catch (RuleSetValidationException ex)
        {
            _unusable = new CrmException(CrmErrorCode.Conflict, $"The live rule set (version {version}) no longer fits the roster: {ex.Errors[0]}. Publish a corrected version.", "routing");
            throw _unusable;
        }
    }

    private static RoutingLead ParseLead(string json)
    {
        RoutingLead lead;
        try
        {
            lead = JsonSerializer.Deserialize<RoutingLead>(json, RoutingJson.Options) ?? throw CrmException.Invalid("lead", "A lead is required.");
        }
        catch (JsonException ex)
        {
            throw CrmException.Invalid(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "lead" : ex.Path.TrimStart('$', '.'), "The lead cannot be routed: a field has the wrong form.");
        }

        return lead.Check() is { } problem ? throw CrmException.Invalid(problem.Field, problem.Message) : lead;
    }

    /// <summary>
    /// The lead with its win probability on its profile alone, from this silo's model; unchanged (its score unknown, which
    /// the decision's notes say) when no model is loaded or the model cannot answer: routing never waits for a model.
    /// </summary>
    private async Task<RoutingLead> WithProfileScoreAsync(RoutingLead lead)
    {
        try
        {
            var advice = await GrainFactory.GetGrain<INextActionGrain>(0).AdviseAsync(LeadModelProfile.ScoreRequest(lead, clock.GetUtcNow()));
            return advice.WinProbability is { } p ? lead with { Score = p } : lead;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogProfileScoreFailed(logger, ex, Tenant, lead.Id);
            return lead;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Router of {Tenant}: the room reserved for lead {LeadId} with {RepId} lapsed (neither taken nor released)")]
    private static partial void LogReservationLapsed(ILogger logger, string tenant, string leadId, string repId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Router of {Tenant}: the model could not score lead {LeadId} on its profile; it is routed with its score unknown")]
    private static partial void LogProfileScoreFailed(ILogger logger, Exception ex, string tenant, string leadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Router of {Tenant}: reading the reps again failed; the next period tries again")]
    private static partial void LogResyncFailed(ILogger logger, Exception ex, string tenant);

    private sealed record class RosterEntry(RepStatus Status, CrmActors.Routing.RepProfile Profile);

    private sealed record class Reservation(string RepId, DateTimeOffset At);
}
