using CrmActors.GrainInterfaces.Reports;
using CrmActors.GrainInterfaces.Stats;
using CrmActors.Grains.Reports;

namespace CrmActors.Grains.Tests.Reports;

/// <summary>The report's content from dashboards: thresholds and states, trends, what went red, two report days in a row, the robot's text.</summary>
public sealed class DailyReportBuilderTests
{
    private static readonly DateOnly Monday = new(2026, 3, 9);
    private static readonly DateOnly Friday = new(2026, 3, 6);
    private static readonly DateOnly Thursday = new(2026, 3, 5);
    private static readonly DateTimeOffset Now = new(2026, 3, 9, 0, 30, 0, TimeSpan.Zero);

    private static MetricValue Evidence(double? value) => new("evidence-rate", value, "percent", 10, 85, 60, true,
        value switch { null => "no-data", >= 85 => "healthy", < 60 => "alarm", _ => "warning" });

    private static MetricValue Median(double value) => new("first-response-median", value, "minutes", 10, 120, null, false, value <= 120 ? "healthy" : "warning");

    private static LeadBehind Lead(string id, string detail = "first touch was due") => new(id, "Dr. " + id, "rep-li", "assigned", Now.AddDays(-3), null, detail);

    private static ReportSectionInput Rep(IReadOnlyList<MetricValue> metrics, IReadOnlyList<LeadBehind>? overdue = null, IReadOnlyList<LeadBehind>? trusted = null) => new(
        ReportScope.Rep, "rep-li", "sup-wang", ["rep-li"],
        new DashboardView("rep rep-li", Now, 1, 30, metrics, [], [], []),
        trusted ?? [], overdue ?? [], ["sup-wang"]);

    private static DailyReport Day(DateOnly day, DateOnly? previousDay, IReadOnlyList<DailyReport> earlier, ReportSectionInput input) =>
        DailyReportBuilder.Build(day, "Asia/Shanghai", Now, previousDay, earlier, [input]);

    [Fact]
    public void Build_FirstReport_CarriesThresholdsAndStates_NoTrend_AlarmsWentRed()
    {
        var report = Day(Monday, Friday, [], Rep([Evidence(55), Median(95)]));

        var section = Assert.Single(report.Sections);
        var evidence = section.Metrics.Single(m => m.Id == "evidence-rate");
        Assert.Equal((55.0, 85.0, 60.0, "alarm", 1), (evidence.Value!.Value, evidence.Healthy!.Value, evidence.Alarm!.Value, evidence.State, evidence.AlarmDays));
        Assert.Null(evidence.Trend);
        Assert.Null(report.PreviousDay);
        Assert.Equal(["evidence-rate"], section.MetricsWentRed);
        Assert.Empty(report.Alerts);
    }

    [Fact]
    public void Build_AgainstThePreviousReport_TrendsSayBetterOrWorseByTheMetricsDirection()
    {
        var friday = Day(Friday, Thursday, [], Rep([Evidence(70), Median(150)]));

        var monday = Day(Monday, Friday, [friday], Rep([Evidence(80), Median(95)]));

        var metrics = Assert.Single(monday.Sections).Metrics;
        Assert.Equal((70.0, 10.0, "better"), (metrics[0].Previous!.Value, metrics[0].Change!.Value, metrics[0].Trend));
        Assert.Equal((150.0, -55.0, "better"), (metrics[1].Previous!.Value, metrics[1].Change!.Value, metrics[1].Trend));
        Assert.Equal([70.0, 80.0], metrics[0].Recent.Select(v => v!.Value));
        Assert.Equal(Friday, monday.PreviousDay);

        var tuesday = Day(Monday.AddDays(1), Monday, [friday, monday], Rep([Evidence(65), Median(95)]));
        Assert.Equal(("worse", "same"), (tuesday.Sections[0].Metrics[0].Trend, tuesday.Sections[0].Metrics[1].Trend));
        Assert.Equal([70.0, 80.0, 65.0], tuesday.Sections[0].Metrics[0].Recent.Select(v => v!.Value));
    }

    [Fact]
    public void Build_AlarmOnTwoReportDaysInARow_AlertsTheResponsibleManagerOnce()
    {
        var friday = Day(Friday, Thursday, [], Rep([Evidence(55)]));
        var monday = Day(Monday, Friday, [friday], Rep([Evidence(50)]));
        var tuesday = Day(Monday.AddDays(1), Monday, [friday, monday], Rep([Evidence(45)]));

        Assert.Empty(friday.Alerts);
        var alert = Assert.Single(monday.Alerts);
        Assert.Equal(("rep rep-li", "evidence-rate"), (alert.Section, alert.MetricId));
        Assert.Equal(["sup-wang"], alert.ManagerIds);
        Assert.Contains("2026-03-06 and 2026-03-09", alert.Text, StringComparison.Ordinal);
        Assert.Contains("50%", alert.Text, StringComparison.Ordinal);
        Assert.Empty(monday.Sections[0].MetricsWentRed);
        Assert.Equal(3, tuesday.Sections[0].Metrics[0].AlarmDays);
        Assert.Empty(tuesday.Alerts);
    }

    [Fact]
    public void Build_PreviousReportDayMissing_AlarmsAreNotInARow()
    {
        // Thursday's report exists, Friday's (the report day before Monday) was never made.
        var thursday = Day(Thursday, Thursday.AddDays(-1), [], Rep([Evidence(55)]));

        var monday = Day(Monday, Friday, [thursday], Rep([Evidence(50)]));

        Assert.Equal(1, monday.Sections[0].Metrics[0].AlarmDays);
        Assert.Empty(monday.Alerts);
        Assert.Equal(-5.0, monday.Sections[0].Metrics[0].Change);
    }

    [Fact]
    public void Build_HealthyAgainBetweenTwoAlarms_StartsCountingAgain()
    {
        var friday = Day(Friday, Thursday, [], Rep([Evidence(55)]));
        var monday = Day(Monday, Friday, [friday], Rep([Evidence(62)]));
        var tuesday = Day(Monday.AddDays(1), Monday, [friday, monday], Rep([Evidence(58)]));

        Assert.Equal([1, 0, 1], new[] { friday, monday, tuesday }.Select(r => r.Sections[0].Metrics[0].AlarmDays));
        Assert.Empty(tuesday.Alerts);
        Assert.Equal(["evidence-rate"], tuesday.Sections[0].MetricsWentRed);
    }

    [Fact]
    public void Build_OverdueLeads_OnlyTheNewlyOverdueWentRed()
    {
        var friday = Day(Friday, Thursday, [], Rep([Evidence(90)], overdue: [Lead("L1")]));

        var monday = Day(Monday, Friday, [friday], Rep([Evidence(90)], overdue: [Lead("L1"), Lead("L2")]));

        Assert.Equal(["L2"], monday.Sections[0].LeadsWentRed.Select(l => l.LeadId));
        Assert.Equal(["L1", "L2"], monday.Sections[0].OverdueLeadIds);
    }

    [Fact]
    public void Text_ForTheRecipient_NamesWhatWentRedMetricsWithThresholdsAndTrustedLeads()
    {
        var friday = Day(Friday, Thursday, [], Rep([Evidence(70), Median(150)]));
        var monday = Day(Monday, Friday, [friday], Rep([Evidence(55), Median(95)], overdue: [Lead("L7")], trusted: [Lead("L9", "3 customer action(s)")]));

        var text = DailyReportText.For(monday, monday.Sections[0], "Li Na");

        Assert.StartsWith("Daily report 2026-03-09 for Li Na (rep rep-li), compared with 2026-03-06", text, StringComparison.Ordinal);
        Assert.Contains("- evidence-rate 55% (alarm below 60%)", text, StringComparison.Ordinal);
        Assert.Contains("- overdue: Dr. L7 (L7, rep-li)", text, StringComparison.Ordinal);
        Assert.Contains("- evidence-rate 55% alarm, healthy >= 85%, -15% worse", text, StringComparison.Ordinal);
        Assert.Contains("- first-response-median 95 min healthy, healthy <= 120 min, -55 min better", text, StringComparison.Ordinal);
        Assert.Contains("- Dr. L9 (L9, rep-li): 3 customer action(s)", text, StringComparison.Ordinal);
    }
}
