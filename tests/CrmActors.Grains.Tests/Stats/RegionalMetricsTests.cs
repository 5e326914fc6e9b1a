using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Stats;

namespace CrmActors.Grains.Tests.Stats;

/// <summary>The dashboard by region: placing leads, the figures per province and city, and the leads behind a region.</summary>
public sealed class RegionalMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 30, TimeSpan.Zero);

    private static readonly Dictionary<string, LeadLocation?> Territories = new()
    {
        ["rep-sh"] = new LeadLocation("Shanghai", "Shanghai", LocationSources.RepTerritory),
        ["rep-none"] = null,
    };

    private static LeadFigures Lead(string id, double createdHoursAgo, string? province, string? city, string? owner = "rep-sh",
        double? touchedAfterHours = null, LeadStage stage = LeadStage.Assigned, bool overdue = false, int escalation = 0, string source = LocationSources.Form)
    {
        var created = Now.AddHours(-createdHoursAgo);
        return new LeadFigures(
            id, "Name " + id, "website_form", owner, created, created.AddMinutes(1), created.AddHours(48),
            touchedAfterHours is { } t ? created.AddHours(t) : null, overdue ? created.AddHours(48) : null, escalation,
            stage, FunnelStage.Contacted, null, null, true, [], 0, null, [], null, Now,
            Province: province, City: city, RegionSource: province is null ? null : source);
    }

    [Fact]
    public void Compute_ProvincesWithTheirCities_FiguresAsTheDashboardDefinesThem()
    {
        LeadFigures[] leads =
        [
            Lead("sz1", 72, "Guangdong", "Shenzhen", touchedAfterHours: 0.5),
            Lead("sz2", 72, "Guangdong", "Shenzhen", touchedAfterHours: 50, stage: LeadStage.Won),
            Lead("gz1", 72, "Guangdong", "Guangzhou", overdue: true),
            Lead("gd1", 72, "Guangdong", null, touchedAfterHours: 1, stage: LeadStage.Lost),
            Lead("bj1", 10, "Beijing", "Beijing", escalation: 1, source: LocationSources.Phone),
        ];

        var view = RegionalMetrics.Compute("tenant", leads, Territories, Now, 7);

        Assert.Equal(["Guangdong", "Beijing"], view.Provinces.Select(p => p.Total.Province));
        var gd = view.Provinces[0];
        Assert.Equal(("广东", 4, 1, 25.0), (gd.Total.ProvinceZh, gd.Total.Leads, gd.Total.Won, gd.Total.ConversionRate!.Value));

        // First touches after 30, 3000 and 60 minutes; touched within 48 h: 2 of the 4 whose outcome is known.
        Assert.Equal(60.0, gd.Total.FirstResponseMedianMinutes);
        Assert.Equal((50.0, "warning"), (gd.Total.TouchedWithin48hRate!.Value, gd.Total.TouchedWithin48hState));
        Assert.Equal((1, 0, 1), (gd.Total.Overdue, gd.Total.Escalated, gd.Total.Alarms));
        Assert.Equal(["Shenzhen", "Guangzhou"], gd.Cities.Select(c => c.City));
        var sz = gd.Cities[0];
        Assert.Equal(("深圳", 2, 50.0, 0), (sz.CityZh, sz.Leads, sz.ConversionRate!.Value, sz.Alarms));
        Assert.Equal((0.0, "warning"), (gd.Cities[1].TouchedWithin48hRate!.Value, gd.Cities[1].TouchedWithin48hState));
        var bj = view.Provinces[1].Total;
        Assert.Equal((1, 1, "no-data"), (bj.Leads, bj.Alarms, bj.TouchedWithin48hState));
    }

    [Fact]
    public void Compute_ALeadNoSourcePlaced_GoesToItsOwnersTerritoryElseUnknownLast()
    {
        LeadFigures[] leads =
        [
            Lead("a", 5, null, null, owner: "rep-sh"),
            Lead("b", 5, null, null, owner: "rep-none"),
            Lead("c", 5, null, null, owner: null),
            Lead("d", 5, null, null, owner: "rep-unread"),
            Lead("e", 5, "Zhejiang", "Hangzhou"),
        ];

        var view = RegionalMetrics.Compute("tenant", leads, Territories, Now, 1);

        Assert.Equal([("Shanghai", 1), ("Zhejiang", 1), ("unknown", 3)], view.Provinces.Select(p => (p.Total.Province, p.Total.Leads)).OrderBy(p => p.Province, StringComparer.Ordinal));
        Assert.Equal(RegionalView.UnknownProvince, view.Provinces[^1].Total.Province);
        Assert.Empty(view.Provinces[^1].Cities);
        var lead = Assert.Single(RegionalMetrics.Leads("Shanghai", null, leads, Territories, Now));
        Assert.Equal("a", lead.LeadId);
        Assert.StartsWith("Shanghai (rep-territory)", lead.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ClosedLeadsOutsideTheWindow_AreNotCounted_OpenOnesAre()
    {
        LeadFigures[] leads =
        [
            Lead("old-won", 24 * 40, "Jiangsu", "Nanjing", stage: LeadStage.Won),
            Lead("old-open", 24 * 40, "Jiangsu", "Nanjing", overdue: true),
        ];

        var total = Assert.Single(RegionalMetrics.Compute("tenant", leads, Territories, Now, 1).Provinces).Total;

        Assert.Equal((1, 0, (double?)null, 1), (total.Leads, total.Won, total.ConversionRate, total.Alarms));
    }

    [Fact]
    public void Leads_ACityOfAProvince_NewestFirstWithPlaceAndResponse()
    {
        LeadFigures[] leads =
        [
            Lead("sz-old", 72, "Guangdong", "Shenzhen", touchedAfterHours: 0.5),
            Lead("sz-new", 2, "Guangdong", "Shenzhen", overdue: true),
            Lead("gz", 3, "Guangdong", "Guangzhou"),
        ];

        var rows = RegionalMetrics.Leads("Guangdong", "shenzhen", leads, Territories, Now).ToList();

        Assert.Equal(["sz-new", "sz-old"], rows.Select(r => r.LeadId));
        Assert.Equal("Shenzhen (form), not touched, overdue", rows[0].Detail);
        Assert.Equal("Shenzhen (form), first touch after 30 min", rows[1].Detail);
        Assert.Equal(3, RegionalMetrics.Leads("Guangdong", null, leads, Territories, Now).Count());
    }
}
