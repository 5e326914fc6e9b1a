using CrmActors.GrainInterfaces.Reports;
using CrmActors.WebApi.Reports;

namespace CrmActors.WebApi.Tests;

/// <summary>The report's page and CSV rows from a stored report: everything from the data encoded, every part a row.</summary>
public sealed class DailyReportPageTests
{
    private static readonly ReportLead Hostile = new("L1", "<script>alert(1)</script>", "rep-li", "3 customer action(s) & a demo");

    private static readonly ReportSection Section = new(
        ReportScope.Rep, "rep-li", "sup-wang", ["rep-li"],
        [new ReportMetric("evidence-rate", 55, "percent", 85, 60, true, "alarm", 70, -15, "worse", 2, [70, 55])],
        [Hostile], ["evidence-rate"], [Hostile with { LeadId = "L2" }], ["L2"]);

    private static readonly ReportAlert Alert = new("rep rep-li", "evidence-rate", 55, 60, ["sup-wang"], "Red two report days in a row");

    private static readonly DailyReport Report = new(
        new DateOnly(2026, 3, 9), "Asia/Shanghai", new DateTimeOffset(2026, 3, 9, 0, 30, 0, TimeSpan.Zero), new DateOnly(2026, 3, 6), [Section], [Alert], []);

    [Fact]
    public void Html_LeadNamesFromTheData_AreEncodedNeverMarkup()
    {
        var html = DailyReportPage.Html(Report, [Section], [Alert]);

        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("3 customer action(s) &amp; a demo", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"alarm\"><td>evidence-rate</td><td>55%</td><td>85%</td><td>60%</td><td>alarm</td><td>70%</td><td>-15% worse</td><td>2</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("compared with 2026-03-06", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_EveryMetricTrustedLeadLeadGoneRedAndAlert_IsOneRowNamingItsPart()
    {
        var rows = DailyReportPage.Rows(Report, [Section], [Alert]).ToList();

        Assert.Equal(["metric-went-red", "trusted-lead", "lead-went-red", "alert"], rows.Select(r => r.Part));
        Assert.Equal(("2026-03-09", "rep rep-li", 55.0, -15.0, "worse", 2), (rows[0].Day, rows[0].Section, rows[0].Value!.Value, rows[0].Change!.Value, rows[0].Trend, rows[0].AlarmDays!.Value));
        Assert.Equal("L2", rows[2].Id);
    }
}
