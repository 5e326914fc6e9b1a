using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using RoutingRep = CrmActors.Routing.RepProfile;

namespace CrmActors.Grains.Routing;

/// <summary>The tenant's reps as the routing library sees them (for validating and testing rule sets; the router keeps its own).</summary>
public static class RosterSnapshot
{
    /// <summary>Reads every rep of the tenant (one call each; fine for validation and tests, not for the routing path).</summary>
    public static async Task<IReadOnlyList<RoutingRep>> ReadAsync(IGrainFactory grains, string tenant)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ids = await grains.GetGrain<ITenantRosterGrain>(tenant).GetRepIdsAsync();
        var statuses = await Task.WhenAll(ids.Select(id => grains.GetGrain<IRepGrain>(GrainKeys.For(tenant, id)).GetStatusAsync()));
        return [.. statuses.OfType<RepStatus>().Select(r => ToRouting(r.RepId, r.Profile, r.WonDeals, r.DataQuality))];
    }

    /// <summary>Maps a rep's stored profile, the deals they won through CrmActors and their recent data quality to the routing model.</summary>
    public static RoutingRep ToRouting(string repId, RepProfile p, IReadOnlyList<RepWin>? wonDeals, double? dataQuality = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var e = p.Expertise;
        var s = p.Schedule;
        return new RoutingRep
        {
            Id = repId,
            DisplayName = p.DisplayName,
            Groups = p.Groups ?? [],
            Industries = e?.Industries ?? [],
            InstitutionLevels = e?.InstitutionLevels ?? [],
            Products = e?.Products ?? [],
            Regions = e?.Regions ?? [],
            Languages = e?.Languages ?? [],
            DealSize = e is { DealSizeMin: { } min, DealSizeMax: { } max } ? new CrmActors.Routing.BudgetRange(min, max) : null,
            Capacity = p.Capacity,
            WorkingHours = s is { HasWorkingHours: true } ? new CrmActors.Routing.WorkingHours(s.TimeZoneId, s.Start, s.End) { Days = s.Days } : null,
            Active = p.Active,
            OnLeaveUntil = s?.OnLeaveUntil,
            SupervisorId = p.SupervisorId,
            DataQuality = dataQuality,
            Wins = [.. (e?.Wins ?? []).Concat(wonDeals ?? []).Select(w => new CrmActors.Routing.WinRecord(w.Industry, w.Product, w.InstitutionLevel, w.Count))],
        };
    }
}
