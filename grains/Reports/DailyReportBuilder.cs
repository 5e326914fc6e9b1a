using CrmActors.GrainInterfaces.Reports;
using CrmActors.GrainInterfaces.Stats;

namespace CrmActors.Grains.Reports;

/// <summary>
/// A report day's content from the dashboards of its scopes and the reports stored before it (plain C#, no
/// runtime): each metric against its thresholds with the change since the previous report, what went red since
/// then, and the metrics in alarm on two report days in a row, which become alerts for the responsible managers.
/// </summary>
public static class DailyReportBuilder
{
    /// <summary>Report days a metric's recent values go back (this day included).</summary>
    public const int RecentDays = 7;

    /// <summary>The most overdue lead ids a section keeps to tell tomorrow's newly overdue ones apart.</summary>
    public const int MaxOverdueKept = 500;

    /// <summary>
    /// The report of <paramref name="day"/>. <paramref name="earlier"/> are stored reports of earlier days (any
    /// order); the latest is what trends compare with, and "in a row" counts only when it is
    /// <paramref name="previousReportDay"/>, the report day scheduled before this one.
    /// </summary>
    public static DailyReport Build(
        DateOnly day, string timeZone, DateTimeOffset now, DateOnly? previousReportDay, IReadOnlyList<DailyReport> earlier, IReadOnlyList<ReportSectionInput> inputs)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(inputs);
        var before = earlier.Where(r => r.Day < day).OrderByDescending(r => r.Day).ToList();
        var previous = before.FirstOrDefault();
        var consecutive = previous is not null && previous.Day == previousReportDay;
        var sections = new List<ReportSection>();
        var alerts = new List<ReportAlert>();
        foreach (var input in inputs)
        {
            var section = Section(input, previous, consecutive, before);
            sections.Add(section);
            alerts.AddRange(section.Metrics.Where(m => m.AlarmDays == ReportFormat.AlarmDaysToAlert).Select(m => new ReportAlert(
                section.Name, m.Id, m.Value, m.Alarm, input.Managers,
                $"Red two report days in a row ({previousReportDay:yyyy-MM-dd} and {day:yyyy-MM-dd}): {m.Id} for {section.Name} is {ReportFormat.Value(m.Value, m.Unit)}, alarm {(m.HigherIsBetter ? "below" : "above")} {ReportFormat.Value(m.Alarm, m.Unit)}.")));
        }

        return new DailyReport(day, timeZone, now, previous?.Day, sections, alerts, []);
    }

    private static ReportSection Section(ReportSectionInput input, DailyReport? previous, bool consecutive, IReadOnlyList<DailyReport> before)
    {
        var earlierSections = before.Select(r => Find(r, input)).ToList();
        var last = previous is null ? null : Find(previous, input);
        var metrics = input.View.Metrics.Select(m => Metric(m, last?.Metrics.FirstOrDefault(p => p.Id == m.Id), consecutive && last is not null, earlierSections)).ToList();
        var wentRed = metrics.Where(m => m.State == "alarm" && last?.Metrics.FirstOrDefault(p => p.Id == m.Id)?.State != "alarm").Select(m => m.Id).ToList();
        var knownOverdue = new HashSet<string>(last?.OverdueLeadIds ?? [], StringComparer.Ordinal);
        var leadsWentRed = input.Overdue.Where(l => !knownOverdue.Contains(l.LeadId)).Select(l => new ReportLead(l.LeadId, l.Name, l.OwnerRepId, l.Detail)).ToList();
        return new ReportSection(
            input.Scope,
            input.Id,
            input.TeamId,
            input.Recipients,
            metrics,
            [.. input.Trusted.Select(l => new ReportLead(l.LeadId, l.Name, l.OwnerRepId, l.Detail))],
            wentRed,
            leadsWentRed,
            [.. input.Overdue.Take(MaxOverdueKept).Select(l => l.LeadId)]);
    }

    private static ReportMetric Metric(MetricValue now, ReportMetric? previous, bool consecutive, IReadOnlyList<ReportSection?> earlier)
    {
        var inAlarm = now.State == "alarm";
        var alarmDays = !inAlarm ? 0 : consecutive && previous is { AlarmDays: > 0 } ? previous.AlarmDays + 1 : 1;
        double? change = now.Value is { } v && previous?.Value is { } p ? Math.Round(v - p, 2) : null;
        string? trend = change switch
        {
            null => null,
            0 => "same",
            > 0 => now.HigherIsBetter ? "better" : "worse",
            _ => now.HigherIsBetter ? "worse" : "better",
        };
        var recent = earlier.Take(RecentDays - 1).Reverse().Select(s => s?.Metrics.FirstOrDefault(m => m.Id == now.Id)?.Value).Append(now.Value).ToList();
        return new ReportMetric(now.Id, now.Value, now.Unit, now.Healthy, now.Alarm, now.HigherIsBetter, now.State, previous?.Value, change, trend, alarmDays, recent);
    }

    private static ReportSection? Find(DailyReport report, ReportSectionInput input) =>
        report.Sections.FirstOrDefault(s => s.Scope == input.Scope && s.Id == input.Id);
}
