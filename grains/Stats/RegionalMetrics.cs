using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;

namespace CrmActors.Grains.Stats;

/// <summary>
/// The dashboard by region (plain C#, no runtime): each lead placed by its location (form or phone, as intake found it),
/// else by its owner's territory, else <see cref="Unknown"/>; the leads counted are those captured in the window
/// (<see cref="DashboardMetrics.WindowDays"/>) or still open, and each figure is the dashboard metric of the same name
/// computed over a region's leads, with the state the tenant's thresholds give it.
/// </summary>
public static class RegionalMetrics
{
    /// <summary>The province of leads no source placed.</summary>
    public const string Unknown = RegionalView.UnknownProvince;

    private static readonly TimeSpan Hours48 = TimeSpan.FromHours(48);

    /// <summary>The regional view of <paramref name="facts"/> (already narrowed to one scope).</summary>
    /// <param name="scope">The scope's name.</param>
    /// <param name="facts">The scope's lead figures.</param>
    /// <param name="territoryOfRep">Each owner's territory (where a lead no other source placed is put).</param>
    /// <param name="now">The time the view is computed at.</param>
    /// <param name="version">The figures' version.</param>
    /// <param name="policy">The tenant's thresholds.</param>
    public static RegionalView Compute(string scope, IEnumerable<LeadFigures> facts, IReadOnlyDictionary<string, LeadLocation?> territoryOfRep, DateTimeOffset now, long version, DashboardPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(territoryOfRep);
        var metrics = (policy ?? new DashboardPolicy()).Metrics().ToDictionary(m => m.Id, StringComparer.Ordinal);
        var placed = Counted(facts, now).Select(f => (Fact: f, Place: Place(f, territoryOfRep))).ToList();
        var provinces = placed.GroupBy(p => p.Place.Province, StringComparer.Ordinal)
            .Select(g => new ProvinceFigures(
                Figures(g.Key, null, [.. g.Select(p => p.Fact)], now, metrics),
                [.. g.Where(p => p.Place.City is not null).GroupBy(p => p.Place.City!, StringComparer.OrdinalIgnoreCase)
                    .Select(c => Figures(g.Key, c.First().Place.City, [.. c.Select(p => p.Fact)], now, metrics))
                    .OrderByDescending(c => c.Leads).ThenBy(c => c.City, StringComparer.Ordinal)]))
            .OrderBy(p => p.Total.Province == Unknown).ThenByDescending(p => p.Total.Leads).ThenBy(p => p.Total.Province, StringComparer.Ordinal)
            .ToList();
        return new RegionalView(scope, now, version, DashboardMetrics.WindowDays, provinces);
    }

    /// <summary>
    /// The leads of one region (<paramref name="province"/> by its canonical name or <see cref="Unknown"/>, narrowed to
    /// <paramref name="city"/> when given), newest first, each with its place, where it came from and its first response.
    /// </summary>
    public static IEnumerable<LeadBehind> Leads(string province, string? city, IEnumerable<LeadFigures> facts, IReadOnlyDictionary<string, LeadLocation?> territoryOfRep, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(province);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(territoryOfRep);
        return Counted(facts, now)
            .Select(f => (Fact: f, Place: Place(f, territoryOfRep)))
            .Where(p => p.Place.Province == province && (city is null || string.Equals(p.Place.City, city, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(p => p.Fact.CreatedAt).ThenBy(p => p.Fact.LeadId, StringComparer.Ordinal)
            .Select(p => new LeadBehind(p.Fact.LeadId, p.Fact.Name, p.Fact.OwnerRepId, p.Fact.Stage.ToString().ToLowerInvariant(), p.Fact.CreatedAt, null, Detail(p.Fact, p.Place)));
    }

    /// <summary>Where a lead is counted: its own location, else its owner's territory, else <see cref="Unknown"/>.</summary>
    public static LeadLocation Place(LeadFigures fact, IReadOnlyDictionary<string, LeadLocation?> territoryOfRep)
    {
        ArgumentNullException.ThrowIfNull(fact);
        ArgumentNullException.ThrowIfNull(territoryOfRep);
        if (fact.Province is { } province)
        {
            return new LeadLocation(province, fact.City, fact.RegionSource ?? LocationSources.Form);
        }

        return fact.OwnerRepId is { } owner && territoryOfRep.GetValueOrDefault(owner) is { } territory
            ? territory
            : new LeadLocation(Unknown, null, Unknown);
    }

    private static IEnumerable<LeadFigures> Counted(IEnumerable<LeadFigures> facts, DateTimeOffset now) =>
        facts.Where(f => f.IsOpen || now - f.CreatedAt <= TimeSpan.FromDays(DashboardMetrics.WindowDays));

    private static RegionFigures Figures(string province, string? city, List<LeadFigures> facts, DateTimeOffset now, Dictionary<string, DashboardMetric> metrics)
    {
        var window = facts.Where(f => now - f.CreatedAt <= TimeSpan.FromDays(DashboardMetrics.WindowDays)).ToList();
        var responses = window.Where(f => f.FirstTouchAt is not null).Select(f => (f.FirstTouchAt!.Value - f.CreatedAt).TotalMinutes).Order().ToList();
        double? median = responses.Count == 0 ? null : Math.Round(DashboardMetrics.Quantile(responses, 0.5), 2);
        var known = window.Where(f => f.FirstTouchAt is not null || now - f.CreatedAt >= Hours48).ToList();
        double? touched = known.Count == 0 ? null : Math.Round(100.0 * known.Count(f => f.FirstTouchAt is { } t && t - f.CreatedAt <= Hours48) / known.Count, 2);
        var won = window.Count(f => f.Stage == LeadStage.Won);
        var open = facts.Where(f => f.IsOpen).ToList();
        var overdue = open.Count(f => f.OverdueAt is not null && f.FirstTouchAt is null);
        var escalated = open.Count(f => f.EscalationLevel > 0);
        var alarms = open.Count(f => (f.OverdueAt is not null && f.FirstTouchAt is null) || f.EscalationLevel > 0);
        var place = city is null ? ChinaRegions.Province(province) : ChinaRegions.City(city) is { } c && c.Province == province ? c : ChinaRegions.Province(province);
        return new RegionFigures(
            province, place?.ProvinceZh, city, city is null ? null : place?.CityZh, facts.Count,
            median, StateOf(metrics, "first-response-median", median),
            touched, StateOf(metrics, "touched-within-48h", touched),
            won, window.Count == 0 ? null : Math.Round(100.0 * won / window.Count, 2),
            overdue, escalated, alarms);
    }

    private static string StateOf(Dictionary<string, DashboardMetric> metrics, string id, double? value) =>
        metrics.TryGetValue(id, out var metric) ? DashboardMetrics.State(metric, value) : value is null ? "no-data" : "info";

    private static string Detail(LeadFigures f, LeadLocation place)
    {
        var where = place.Province == Unknown ? "place unknown" : $"{place.City ?? place.Province} ({place.Source})";
        var response = f.FirstTouchAt is { } t ? $"first touch after {(t - f.CreatedAt).TotalMinutes:0} min" : "not touched";
        var alarm = f.IsOpen && f.OverdueAt is not null && f.FirstTouchAt is null ? ", overdue" : f.IsOpen && f.EscalationLevel > 0 ? $", escalation level {f.EscalationLevel}" : string.Empty;
        return $"{where}, {response}{alarm}";
    }
}
