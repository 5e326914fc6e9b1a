using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Stats;

namespace CrmActors.Grains.Tests.Stats;

/// <summary>S7's metrics from lead figures: values, thresholds and states, and the leads behind each number.</summary>
public sealed class DashboardMetricsTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 30, TimeSpan.Zero);
    private static readonly Dictionary<string, string?> Teams = new() { ["rep-a"] = "sup-1", ["rep-b"] = "sup-1" };

    private static LeadFigures Lead(string id, double createdHoursAgo, string? owner = "rep-a", double? touchedAfterHours = null, bool keyFields = true,
        LeadStage stage = LeadStage.Assigned, int escalation = 0, bool overdue = false, ActivityFact[]? activities = null, double? qualifiedAfterHours = null, double? demoAfterQualifiedDays = null)
    {
        var created = Now.AddHours(-createdHoursAgo);
        var qualified = qualifiedAfterHours is { } q ? created.AddHours(q) : (DateTimeOffset?)null;
        return new LeadFigures(
            id, "Name " + id, "website_form", owner, created, owner is null ? null : created.AddMinutes(1), created.AddHours(48),
            touchedAfterHours is { } t ? created.AddHours(t) : null, overdue ? created.AddHours(48) : null, escalation,
            touchedAfterHours is null ? stage : LeadStage.Contacted, FunnelStage.Contacted, qualified,
            qualified is { } qq && demoAfterQualifiedDays is { } d ? qq.AddDays(d) : null, keyFields, activities ?? [], 0, null, [], null, Now);
    }

    private static MetricValue Metric(DashboardView view, string id) => view.Metrics.Single(m => m.Id == id);

    [Fact]
    public void Compute_SharesCountOnlyLeadsWhoseOutcomeIsKnown_AndJudgeByS7Thresholds()
    {
        LeadFigures[] leads =
        [
            Lead("a", 72, touchedAfterHours: 1),
            Lead("b", 72, touchedAfterHours: 3),
            Lead("c", 72, touchedAfterHours: 50),
            Lead("d", 72, overdue: true),
            Lead("e", 0.5),
        ];

        var view = DashboardMetrics.Compute("tenant", leads, Teams, Now, 1);

        var touched = Metric(view, "touched-within-48h");
        Assert.Equal((50.0, 4, "warning"), (touched.Value, touched.Count, touched.State));
        Assert.Equal((85.0, (double?)null), (touched.Healthy, touched.Alarm));
        var median = Metric(view, "first-response-median");
        Assert.Equal((180.0, 3, "warning"), (median.Value, median.Count, median.State));
        Assert.Equal(1, Metric(view, "overdue").Value);
        Assert.Equal(1, Metric(view, "leads-in-per-minute").Count);
        Assert.Equal("no-data", Metric(view, "coordination-latency").State);
    }

    [Fact]
    public void Compute_AlarmBelowTheAlarmThreshold_HealthyAtOrAboveHealthy()
    {
        var poor = DashboardMetrics.Compute("t", [Lead("a", 10, keyFields: false), Lead("b", 10, keyFields: false), Lead("c", 10)], Teams, Now, 1);
        var good = DashboardMetrics.Compute("t", [Lead("a", 10), Lead("b", 10)], Teams, Now, 1);

        Assert.Equal(("alarm", 33.33), (Metric(poor, "key-fields-complete").State, Metric(poor, "key-fields-complete").Value!.Value));
        Assert.Equal(("healthy", 100.0), (Metric(good, "key-fields-complete").State, Metric(good, "key-fields-complete").Value!.Value));
    }

    [Fact]
    public void Compute_ActivitiesEvidenceEntryAndContinuity_StageOnTimeAndMqlToSql()
    {
        ActivityFact Act(string type, double daysAgo, bool evidence = true, double loggedHoursLater = 0) =>
            new(type, Now.AddDays(-daysAgo), Now.AddDays(-daysAgo).AddHours(loggedHoursLater), evidence);
        LeadFigures[] leads =
        [
            Lead("a", 24 * 6, activities: [Act("call", 5), Act("solution-demo", 4), Act("quote-sent", 3, evidence: false)], qualifiedAfterHours: 10, demoAfterQualifiedDays: 2),
            Lead("b", 24 * 8, activities: [Act("call", 5, loggedHoursLater: 30)], qualifiedAfterHours: 60),
        ];

        var view = DashboardMetrics.Compute("t", leads, Teams, Now, 1);

        Assert.Equal(75.0, Metric(view, "evidence-rate").Value);
        Assert.Equal(75.0, Metric(view, "entered-within-24h").Value);
        Assert.Equal(50.0, Metric(view, "action-continuity").Value);
        Assert.Equal(50.0, Metric(view, "mql-to-sql-48h").Value);
        Assert.Equal((50.0, "warning"), (Metric(view, "stage-on-time").Value, Metric(view, "stage-on-time").State));
    }

    [Fact]
    public void Behind_ListsTheLeadsOfAMetricWithWhetherEachMeetsIt_UnknownMetricIsNull()
    {
        LeadFigures[] leads = [Lead("a", 72, touchedAfterHours: 1), Lead("b", 72), Lead("c", 1, owner: null, stage: LeadStage.New)];

        var touched = DashboardMetrics.Behind("touched-within-48h", leads, Now)!.ToList();
        var unassigned = DashboardMetrics.Behind("unassigned", leads, Now)!.ToList();

        Assert.Equal([("a", (bool?)true), ("b", false)], touched.Select(l => (l.LeadId, l.Met)).OrderBy(x => x.LeadId));
        Assert.Equal("c", Assert.Single(unassigned).LeadId);
        Assert.Null(DashboardMetrics.Behind("no-such-metric", leads, Now));
    }

    [Fact]
    public void Compute_LeadsWithoutAnOwnerCountAsUnassignedWithTheLongestWaitInMinutes()
    {
        LeadFigures[] leads = [Lead("a", 0.5, owner: null, stage: LeadStage.New), Lead("b", 2, owner: null, stage: LeadStage.New), Lead("c", 3)];

        var view = DashboardMetrics.Compute("t", leads, Teams, Now, 1);
        var none = DashboardMetrics.Compute("t", [Lead("c", 3)], Teams, Now, 1);

        Assert.Equal(2, Metric(view, "unassigned").Value);
        Assert.Equal((120.0, 2, "info"), (Metric(view, "unassigned-longest-wait").Value, Metric(view, "unassigned-longest-wait").Count, Metric(view, "unassigned-longest-wait").State));
        Assert.Equal("no-data", Metric(none, "unassigned-longest-wait").State);
        Assert.Equal(["a", "b"], DashboardMetrics.Behind("unassigned-longest-wait", leads, Now)!.Select(l => l.LeadId));
    }

    [Fact]
    public void Compute_PerMinuteSeriesFunnelAndRepLoad()
    {
        LeadFigures[] leads = [Lead("a", 0.001), Lead("b", 0.001, owner: "rep-b"), Lead("c", 0.5, escalation: 1), Lead("d", 100, stage: LeadStage.Won)];

        var view = DashboardMetrics.Compute("t", leads, Teams, Now, 7);

        Assert.Equal(60, view.PerMinute.Count);
        Assert.Equal(2, view.PerMinute[^1].LeadsIn);
        Assert.Equal(1, view.PerMinute[^31].LeadsIn);
        Assert.Equal(3, view.Funnel.Single(f => f.Stage == "contacted").Leads);
        Assert.Equal([("rep-a", 2, 1), ("rep-b", 1, 0)], view.Reps.Select(r => (r.RepId, r.Open, r.Escalated)));
        Assert.Equal("sup-1", view.Reps[0].TeamId);
        Assert.Equal(7, view.Version);
    }

    [Fact]
    public void Trusted_OpenLeadsWithRecentCustomerActions_MostActiveFirst_AtMostEight()
    {
        var leads = Enumerable.Range(0, 12).Select(i => Lead($"l{i:D2}", 30) with { CustomerActions = i, LastCustomerActionAt = Now.AddDays(-(i % 3 == 0 ? 9 : 1)) }).ToList();

        var trusted = DashboardMetrics.Trusted(leads, Now);

        Assert.Equal(["l11", "l10", "l08", "l07", "l05", "l04", "l02", "l01"], trusted.Select(t => t.LeadId));
    }

    [Fact]
    public void Compute_TenantThresholds_ChangeTheStateAndStageLimit()
    {
        LeadFigures[] leads = [Lead("a", 10, touchedAfterHours: 0.5), Lead("b", 24 * 10, qualifiedAfterHours: 1, demoAfterQualifiedDays: 4)];
        var b2c = new DashboardPolicy
        {
            Thresholds = new Dictionary<string, MetricThresholds> { ["first-response-median"] = new() { Healthy = 15 } },
            StageOnTimeDays = 3,
        };

        var standard = DashboardMetrics.Compute("t", leads, Teams, Now, 1);
        var tenant = DashboardMetrics.Compute("t", leads, Teams, Now, 1, b2c);

        Assert.Equal(("healthy", 120.0), (Metric(standard, "first-response-median").State, Metric(standard, "first-response-median").Healthy!.Value));
        Assert.Equal(("warning", 15.0), (Metric(tenant, "first-response-median").State, Metric(tenant, "first-response-median").Healthy!.Value));
        Assert.Equal(100.0, Metric(standard, "stage-on-time").Value);
        Assert.Equal(0.0, Metric(tenant, "stage-on-time").Value);
    }

    [Fact]
    public void Behind_FunnelStageAndOpenLeads_CanBeListedToo()
    {
        LeadFigures[] leads = [Lead("a", 10), Lead("b", 10, stage: LeadStage.Won) with { Funnel = FunnelStage.Proposal }, Lead("c", 10) with { Funnel = FunnelStage.Proposal }];

        Assert.Equal(["c"], DashboardMetrics.Behind("funnel-proposal", leads, Now)!.Select(l => l.LeadId));
        Assert.Equal(["a", "c"], DashboardMetrics.Behind("open", leads, Now)!.Select(l => l.LeadId).Order());
    }

    [Fact]
    public void Trusted_SaysWhetherTheScoreIsTheModelsOrThePointsScore()
    {
        var model = Lead("m", 5) with { CustomerActions = 2, LastCustomerActionAt = Now.AddHours(-1), WinProbability = 0.31, ScoreSource = ScoreSources.Model };
        var points = Lead("p", 5) with { CustomerActions = 1, LastCustomerActionAt = Now.AddHours(-1), WinProbability = 0.4, ScoreSource = ScoreSources.Points };

        var trusted = DashboardMetrics.Trusted([model, points], Now);

        Assert.Contains(", win probability 31", trusted[0].Detail, StringComparison.Ordinal);
        Assert.Contains(", points score 40", trusted[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void UnassignedLeadsGauge_Publish_CountsOpenLeadsWithoutAnOwnerAndTheOldestWait()
    {
        var tenant = "gauge-" + Guid.NewGuid().ToString("N");
        UnassignedLeadsGauge.Publish(
            tenant,
            [Lead("a", 0.5, owner: null, stage: LeadStage.New), Lead("b", 2, owner: null, stage: LeadStage.New), Lead("c", 5), Lead("d", 9, owner: null, stage: LeadStage.Lost)],
            Now);

        Assert.Equal((2, 7200.0), UnassignedLeadsGauge.Of(tenant));

        UnassignedLeadsGauge.Publish(tenant, [Lead("c", 5)], Now);
        Assert.Equal((0, 0.0), UnassignedLeadsGauge.Of(tenant));
        UnassignedLeadsGauge.Withdraw(tenant);
        Assert.Null(UnassignedLeadsGauge.Of(tenant));
    }

    [Theory]
    [InlineData(LeadStage.Assigned, 90, null, true)]
    [InlineData(LeadStage.Won, 29 * 24, null, true)]
    [InlineData(LeadStage.Won, 31 * 24, null, false)]
    [InlineData(LeadStage.Lost, 60 * 24, 10.0 * 24, true)]
    [InlineData(LeadStage.Lost, 60 * 24, 40.0 * 24, false)]
    public void StillCounts_OpenOrWithinTheWindowByCreationOrLoggedActivity(LeadStage stage, double createdHoursAgo, double? loggedHoursAgo, bool counts)
    {
        ActivityFact[] activities = loggedHoursAgo is { } h ? [new ActivityFact("call", Now.AddHours(-h - 1), Now.AddHours(-h), true)] : [];

        Assert.Equal(counts, DashboardMetrics.StillCounts(Lead("a", createdHoursAgo, stage: stage, activities: activities), Now));
    }

    [Fact]
    public void Compute_LeadsThatNoLongerCount_ChangeNoFigure()
    {
        var current = new[]
        {
            Lead("a", 2, touchedAfterHours: 0.5), Lead("b", 50), Lead("c", 24 * 20, stage: LeadStage.Won, activities: [new ActivityFact("call", Now.AddDays(-19), Now.AddDays(-19), false)]),
            Lead("d", 1, owner: null, stage: LeadStage.New), Lead("e", 24 * 45, overdue: true),
        };
        var retired = new[]
        {
            Lead("old-won", 24 * 40, stage: LeadStage.Won, activities: [new ActivityFact("visit", Now.AddDays(-35), Now.AddDays(-34), false)]),
            Lead("old-lost", 24 * 31, owner: null, stage: LeadStage.Lost, keyFields: false),
        };
        Assert.All(retired, f => Assert.False(DashboardMetrics.StillCounts(f, Now)));

        var with = DashboardMetrics.Compute("tenant", [.. current, .. retired], Teams, Now, 1);
        var without = DashboardMetrics.Compute("tenant", current, Teams, Now, 1);

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(without), System.Text.Json.JsonSerializer.Serialize(with));
    }
}
