using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Reps;
using RoutingRep = CrmActors.Routing.RepProfile;

namespace CrmActors.Grains.Routing;

/// <summary>The tenant's reps as the routing library sees them, with their current loads.</summary>
public sealed record class RosterSnapshot(IReadOnlyList<RoutingRep> Reps, IReadOnlyDictionary<string, CrmActors.Routing.RepLoad> Loads)
{
    /// <summary>Reads every rep of the tenant (one call each; fine for validation and tests, not for the routing path).</summary>
    public static async Task<RosterSnapshot> ReadAsync(IGrainFactory grains, string tenant)
    {
        ArgumentNullException.ThrowIfNull(grains);
        var ids = await grains.GetGrain<ITenantRosterGrain>(tenant).GetRepIdsAsync();
        var snapshots = await Task.WhenAll(ids.Select(id => grains.GetGrain<IRepGrain>(GrainKeys.For(tenant, id)).GetAsync()));
        var reps = snapshots.OfType<RepSnapshot>().ToArray();
        return new RosterSnapshot(
            [.. reps.Select(ToRouting)],
            reps.ToDictionary(r => r.Id, r => new CrmActors.Routing.RepLoad(r.OpenLeadIds.Count, r.RecentAssignments), StringComparer.Ordinal));
    }

    /// <summary>Maps a rep's stored profile to the routing model.</summary>
    public static RoutingRep ToRouting(RepSnapshot rep)
    {
        ArgumentNullException.ThrowIfNull(rep);
        var p = rep.Profile;
        var e = p.Expertise;
        var s = p.Schedule;
        return new RoutingRep
        {
            Id = rep.Id,
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
            Wins = [.. (e?.Wins ?? []).Concat(rep.WonDeals ?? []).Select(w => new CrmActors.Routing.WinRecord(w.Industry, w.Product, w.InstitutionLevel, w.Count))],
        };
    }
}
