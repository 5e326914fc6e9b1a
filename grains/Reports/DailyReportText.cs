using System.Globalization;
using System.Text;
using CrmActors.GrainInterfaces.Reports;

namespace CrmActors.Grains.Reports;

/// <summary>
/// A recipient's report as the text a group robot posts (WeCom, DingTalk, Slack take plain text): what went red
/// first, then the metrics with thresholds and their change, then today's trusted leads.
/// </summary>
public static class DailyReportText
{
    /// <summary>The most leads listed per part of a message (robots cap a message's length).</summary>
    public const int MaxLeadsListed = 8;

    /// <summary>The message for <paramref name="recipientName"/> about <paramref name="section"/> of <paramref name="report"/>.</summary>
    public static string For(DailyReport report, ReportSection section, string recipientName)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(section);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Daily report {report.Day:yyyy-MM-dd} for {recipientName} ({section.Name})");
        text.Append(report.PreviousDay is { } p ? string.Create(CultureInfo.InvariantCulture, $", compared with {p:yyyy-MM-dd}\n") : ", the first one\n");
        var twoDays = section.Metrics.Where(m => m.AlarmDays >= ReportFormat.AlarmDaysToAlert).ToList();
        if (section.MetricsWentRed.Count > 0 || section.LeadsWentRed.Count > 0 || twoDays.Count > 0)
        {
            text.Append("Went red since the last report:\n");
            foreach (var id in section.MetricsWentRed)
            {
                var m = section.Metrics.First(x => x.Id == id);
                text.Append(CultureInfo.InvariantCulture, $"- {id} {ReportFormat.Value(m.Value, m.Unit)} (alarm {(m.HigherIsBetter ? "below" : "above")} {ReportFormat.Value(m.Alarm, m.Unit)})\n");
            }

            foreach (var m in twoDays)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {m.Id} in alarm {m.AlarmDays} report days in a row\n");
            }

            foreach (var lead in section.LeadsWentRed.Take(MaxLeadsListed))
            {
                text.Append(CultureInfo.InvariantCulture, $"- overdue: {lead.Name} ({lead.LeadId}, {lead.OwnerRepId ?? "no owner"})\n");
            }

            if (section.LeadsWentRed.Count > MaxLeadsListed)
            {
                text.Append(CultureInfo.InvariantCulture, $"- and {section.LeadsWentRed.Count - MaxLeadsListed} more overdue leads\n");
            }
        }

        text.Append("Metrics:\n");
        foreach (var m in section.Metrics.Where(m => m.Healthy is not null || m.Alarm is not null))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {m.Id} {ReportFormat.Value(m.Value, m.Unit)} {m.State}");
            if (m.Healthy is { } h)
            {
                text.Append(CultureInfo.InvariantCulture, $", healthy {(m.HigherIsBetter ? ">=" : "<=")} {ReportFormat.Value(h, m.Unit)}");
            }

            if (m.Change is { } c)
            {
                text.Append(CultureInfo.InvariantCulture, $", {(c >= 0 ? "+" : string.Empty)}{ReportFormat.Value(c, m.Unit)} {m.Trend}");
            }

            text.Append('\n');
        }

        text.Append(section.TrustedLeads.Count == 0 ? "Trusted leads today: none\n" : "Trusted leads today:\n");
        foreach (var lead in section.TrustedLeads.Take(MaxLeadsListed))
        {
            text.Append(CultureInfo.InvariantCulture, $"- {lead.Name} ({lead.LeadId}, {lead.OwnerRepId ?? "no owner"}): {lead.Detail}\n");
        }

        return text.ToString().TrimEnd('\n');
    }
}
