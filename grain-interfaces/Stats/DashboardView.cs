namespace CrmActors.GrainInterfaces.Stats;

/// <summary>Which leads a view is about: the whole tenant, one team (a supervisor's reps) or one rep.</summary>
[GenerateSerializer, Immutable, Alias("crm.StatsScope")]
public sealed record class StatsScope(string? TeamId = null, string? RepId = null)
{
    /// <summary>A readable name, e.g. <c>team sup-wang</c>.</summary>
    public override string ToString() => RepId is not null ? $"rep {RepId}" : TeamId is not null ? $"team {TeamId}" : "tenant";
}

/// <summary>
/// One metric: its value, how many leads or activities it was computed from, its thresholds (S7, tenant tunable)
/// and its state: <c>healthy</c>, <c>warning</c> (not healthy, not in alarm), <c>alarm</c>, <c>info</c> (no
/// thresholds) or <c>no-data</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.MetricValue")]
public sealed record class MetricValue(string Id, double? Value, string Unit, int Count, double? Healthy, double? Alarm, bool HigherIsBetter, string State);

/// <summary>Leads captured and assigned in one minute.</summary>
[GenerateSerializer, Immutable, Alias("crm.MinuteBucket")]
public sealed record class MinuteBucket(DateTimeOffset Minute, int LeadsIn, int Assigned);

/// <summary>Open leads at one funnel stage.</summary>
[GenerateSerializer, Immutable, Alias("crm.FunnelCount")]
public sealed record class FunnelCount(string Stage, int Leads);

/// <summary>One rep's load: open, overdue and escalated leads.</summary>
[GenerateSerializer, Immutable, Alias("crm.RepLoad")]
public sealed record class RepLoad(string RepId, string? TeamId, int Open, int Overdue, int Escalated);

/// <summary>The dashboard for one scope at one moment.</summary>
[GenerateSerializer, Immutable, Alias("crm.DashboardView")]
public sealed record class DashboardView(
    string Scope, DateTimeOffset ComputedAt, long Version, int WindowDays, IReadOnlyList<MetricValue> Metrics,
    IReadOnlyList<MinuteBucket> PerMinute, IReadOnlyList<FunnelCount> Funnel, IReadOnlyList<RepLoad> Reps);

/// <summary>A lead behind a number; <see cref="Met"/> says whether it meets a share metric's condition.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadBehind")]
public sealed record class LeadBehind(string LeadId, string Name, string? OwnerRepId, string Stage, DateTimeOffset CreatedAt, bool? Met, string Detail);

/// <summary>A page of the leads behind a metric.</summary>
[GenerateSerializer, Immutable, Alias("crm.LeadBehindPage")]
public sealed record class LeadBehindPage(string Metric, int Total, int Page, int PageSize, IReadOnlyList<LeadBehind> Leads);

/// <summary>
/// The live statistics of one tenant (key: the tenant id), fed in batches by every silo's stats feed with the
/// current facts of each lead that changed; the facts are kept in <c>crm_lead_facts</c>, so a restart reloads them.
/// </summary>
public interface ITenantStatsGrain : IGrainWithStringKey
{
    /// <summary>Applies the latest facts of some leads (idempotent: each replaces the lead's previous facts).</summary>
    Task ApplyAsync(IReadOnlyList<LeadFigures> batch);

    /// <summary>The dashboard of <paramref name="scope"/>.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<DashboardView> GetAsync(StatsScope scope);

    /// <summary>The leads behind metric <paramref name="metric"/> in <paramref name="scope"/>, paged (page 1 first); null for an unknown metric.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<LeadBehindPage?> GetLeadsAsync(string metric, StatsScope scope, int page, int pageSize);

    /// <summary>Today's shortlist: up to 8 open leads with real customer actions in the last 7 days, most active first.</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<LeadBehind>> GetTrustedLeadsAsync(StatsScope scope);

    /// <summary>The figures by province and city of <paramref name="scope"/> (leads, first response, conversion, alarms).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<RegionalView> GetRegionsAsync(StatsScope scope);

    /// <summary>
    /// The leads behind one region's figures in <paramref name="scope"/> (province by its pinyin/English name, or
    /// <c>unknown</c>; narrowed to <paramref name="city"/> when given), newest first, paged (page 1 first).
    /// </summary>
    [Orleans.Concurrency.ReadOnly]
    Task<LeadBehindPage> GetRegionLeadsAsync(string province, string? city, StatsScope scope, int page, int pageSize);

    /// <summary>Changes whenever facts are applied (the live stream polls it).</summary>
    [Orleans.Concurrency.ReadOnly]
    Task<long> GetVersionAsync();
}
