using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;

namespace CrmActors.Grains.Stats;

/// <summary>
/// One tenant's live statistics: the latest figures of every lead the dashboard still counts in memory (reloaded from
/// the figure store on activation), fed in batches by the silos' stats feeds; views are computed on read and cached per
/// version. A batch costs the same however many leads the tenant has: it reads only owners not seen before, and the
/// leads waiting for an owner are kept apart for the gauges. A lead closed and quiet for the dashboard's whole window
/// leaves memory (<see cref="DashboardMetrics.StillCounts"/>), so a tenant's memory follows its last 30 days, not its
/// history.
/// </summary>
public sealed class TenantStatsGrain(ILeadFigureStore store, FollowUp.FollowUpPolicyCache policies, [FromKeyedServices(CrmClock.Key)] TimeProvider clock) : Grain, ITenantStatsGrain
{
    private static readonly TimeSpan TeamRefresh = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan GaugeEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RetireEvery = TimeSpan.FromHours(1);
    private readonly Dictionary<string, LeadFigures> figures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeadFigures> unassigned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> teamOfRep = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LeadLocation?> territoryOfRep = new(StringComparer.Ordinal);
    private readonly Dictionary<StatsScope, (long Version, int PolicyVersion, DateTimeOffset At, RegionalView View)> regionCache = [];
    private readonly Dictionary<StatsScope, (long Version, int PolicyVersion, DateTimeOffset At, DashboardView View)> cache = [];
    private DateTimeOffset teamsCheckedAt;
    private DateTimeOffset retiredAt;
    private long version;

    private string Tenant => this.GetPrimaryKeyString();

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        foreach (var f in await store.LoadAsync(Tenant, cancellationToken))
        {
            if (DashboardMetrics.StillCounts(f, now))
            {
                Keep(f);
            }
        }

        retiredAt = now;
        await RefreshTeamsAsync(figures.Values);
        version = 1;
        await PublishGauges();
        this.RegisterGrainTimer(PublishGauges, new GrainTimerCreationOptions(GaugeEvery, GaugeEvery) { KeepAlive = false, Interleave = false });
    }

    /// <inheritdoc />
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        UnassignedLeadsGauge.Withdraw(Tenant);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task ApplyAsync(IReadOnlyList<LeadFigures> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);

        // Stored first: figures acknowledged to the feed survive this grain's restart.
        await store.UpsertAsync(Tenant, batch);
        foreach (var f in batch)
        {
            if (!figures.TryGetValue(f.LeadId, out var known) || known.UpdatedAt <= f.UpdatedAt)
            {
                Keep(f);
            }
        }

        version++;
        await RefreshTeamsAsync(batch);
    }

    /// <summary>Holds a lead's latest figures, and among the leads waiting for an owner while it is one.</summary>
    private void Keep(LeadFigures f)
    {
        figures[f.LeadId] = f;
        if (f.IsOpen && f.OwnerRepId is null)
        {
            unassigned[f.LeadId] = f;
        }
        else
        {
            unassigned.Remove(f.LeadId);
        }
    }

    /// <inheritdoc />
    public async Task<DashboardView> GetAsync(StatsScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);

        // Within a second, one version and one policy, a view is served again (the dashboard streams poll it).
        if (cache.TryGetValue(scope, out var cached) && cached.Version == version && cached.PolicyVersion == policy.Version && now - cached.At < TimeSpan.FromSeconds(1))
        {
            return cached.View;
        }

        var view = DashboardMetrics.Compute(scope.ToString(), [.. InScope(scope)], teamOfRep, now, version, policy.Policy.Dashboard);
        cache[scope] = (version, policy.Version, now, view);
        return view;
    }

    /// <inheritdoc />
    public async Task<LeadBehindPage?> GetLeadsAsync(string metric, StatsScope scope, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var policy = await policies.GetAsync(Tenant);
        var behind = DashboardMetrics.Behind(metric, InScope(scope), clock.GetUtcNow(), policy.Policy.Dashboard)?.ToList();
        return behind is null
            ? null
            : new LeadBehindPage(metric, behind.Count, page, pageSize, [.. behind.Skip((page - 1) * pageSize).Take(pageSize)]);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<LeadBehind>> GetTrustedLeadsAsync(StatsScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return Task.FromResult(DashboardMetrics.Trusted(InScope(scope), clock.GetUtcNow()));
    }

    /// <inheritdoc />
    public async Task<RegionalView> GetRegionsAsync(StatsScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        if (regionCache.TryGetValue(scope, out var cached) && cached.Version == version && cached.PolicyVersion == policy.Version && now - cached.At < TimeSpan.FromSeconds(1))
        {
            return cached.View;
        }

        var view = RegionalMetrics.Compute(scope.ToString(), InScope(scope), territoryOfRep, now, version, policy.Policy.Dashboard);
        regionCache[scope] = (version, policy.Version, now, view);
        return view;
    }

    /// <inheritdoc />
    public Task<LeadBehindPage> GetRegionLeadsAsync(string province, string? city, StatsScope scope, int page, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(province);
        ArgumentNullException.ThrowIfNull(scope);
        var leads = RegionalMetrics.Leads(province, city, InScope(scope), territoryOfRep, clock.GetUtcNow()).ToList();
        var name = city is null ? province : $"{province}/{city}";
        return Task.FromResult(new LeadBehindPage($"region {name}", leads.Count, page, pageSize, [.. leads.Skip((page - 1) * pageSize).Take(pageSize)]));
    }

    /// <inheritdoc />
    public Task<long> GetVersionAsync() => Task.FromResult(version);

    private Task PublishGauges()
    {
        var now = clock.GetUtcNow();
        UnassignedLeadsGauge.Publish(Tenant, unassigned.Values, now);
        if (now - retiredAt >= RetireEvery)
        {
            retiredAt = now;
            Retire(now);
        }

        return Task.CompletedTask;
    }

    /// <summary>Lets go of the leads the dashboard no longer counts (closed, and quiet for its whole window).</summary>
    private void Retire(DateTimeOffset now)
    {
        var retired = figures.Values.Where(f => !DashboardMetrics.StillCounts(f, now)).Select(f => f.LeadId).ToList();
        foreach (var id in retired)
        {
            figures.Remove(id);
        }

        if (retired.Count > 0)
        {
            version++;
        }
    }

    private IEnumerable<LeadFigures> InScope(StatsScope scope) => figures.Values.Where(f =>
        (scope.RepId is null || f.OwnerRepId == scope.RepId)
        && (scope.TeamId is null || (f.OwnerRepId is { } owner && (owner == scope.TeamId || teamOfRep.GetValueOrDefault(owner) == scope.TeamId))));

    /// <summary>
    /// Knows the supervisor and territory of every owner (a team is a supervisor's reps; the territory places leads no
    /// other source placed): owners in <paramref name="changed"/> not seen before are read at once, every owner seen
    /// again every 5 minutes (a rep may change teams or regions).
    /// </summary>
    private async Task RefreshTeamsAsync(IEnumerable<LeadFigures> changed)
    {
        var now = clock.GetUtcNow();
        var all = now - teamsCheckedAt >= TeamRefresh;
        var fresh = changed.Select(f => f.OwnerRepId).OfType<string>().Where(rep => !teamOfRep.ContainsKey(rep));
        var toRead = (all ? teamOfRep.Keys.Concat(fresh) : fresh).Distinct(StringComparer.Ordinal).ToList();
        if (all)
        {
            teamsCheckedAt = now;
        }

        var profiles = await Task.WhenAll(toRead.Select(rep => GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, rep)).GetProfileAsync()));
        for (var i = 0; i < toRead.Count; i++)
        {
            teamOfRep[toRead[i]] = profiles[i]?.SupervisorId;
            territoryOfRep[toRead[i]] = LeadPlaces.FromTerritory(profiles[i]?.Expertise?.Regions);
        }
    }
}
