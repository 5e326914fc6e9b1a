using System.Globalization;
using System.Net;
using System.Text;
using CrmActors.GrainInterfaces.Reports;

namespace CrmActors.WebApi.Reports;

/// <summary>
/// A daily report as one self-contained HTML page (inline styles, no scripts, nothing fetched), printable and
/// readable on a phone: per section what went red, the metrics against their thresholds with their change, and
/// today's trusted leads. Every value from the data is HTML-encoded.
/// </summary>
public static class DailyReportPage
{
    private const string Style = """
        body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:1.5rem;color:#222}
        table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left}
        .alarm{background:#fdd}.warning{background:#ffe9b3}.healthy{background:#dfd}.red{color:#b00}
        """;

    /// <summary>The page of <paramref name="report"/> with the sections the reader may see.</summary>
    public static string Html(DailyReport report, IReadOnlyList<ReportSection> sections, IReadOnlyList<ReportAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(alerts);
        var day = report.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Daily report {day}</title><style>{Style}</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Daily report {day}</h1><p>Made {E(report.MadeAt.ToString("u", CultureInfo.InvariantCulture))} ({E(report.TimeZone)})");
        html.Append(report.PreviousDay is { } p ? $"; compared with {p.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}" : "; the first report").Append("</p>");
        if (alerts.Count > 0)
        {
            html.Append("<h2 class=\"red\">In alarm two report days in a row</h2><ul>");
            foreach (var alert in alerts)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(alert.Text)} Alerted: {E(string.Join(", ", alert.ManagerIds))}</li>");
            }

            html.Append("</ul>");
        }

        foreach (var section in sections)
        {
            html.Append(CultureInfo.InvariantCulture, $"<section><h2>{E(section.Name)}</h2><p>For {E(string.Join(", ", section.Recipients))}</p>");
            if (section.MetricsWentRed.Count > 0 || section.LeadsWentRed.Count > 0)
            {
                html.Append("<h3 class=\"red\">Went red since the last report</h3><ul>");
                foreach (var id in section.MetricsWentRed)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>{E(id)}</li>");
                }

                foreach (var lead in section.LeadsWentRed)
                {
                    html.Append(CultureInfo.InvariantCulture, $"<li>overdue: {E(lead.Name)} ({E(lead.LeadId)}, {E(lead.OwnerRepId ?? "no owner")}): {E(lead.Detail)}</li>");
                }

                html.Append("</ul>");
            }

            html.Append("<table><thead><tr><th>metric</th><th>value</th><th>healthy</th><th>alarm</th><th>state</th><th>previous</th><th>change</th><th>days in alarm</th></tr></thead><tbody>");
            foreach (var m in section.Metrics)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr class=\"{E(m.State)}\"><td>{E(m.Id)}</td><td>{V(m.Value, m.Unit)}</td><td>{V(m.Healthy, m.Unit)}</td><td>{V(m.Alarm, m.Unit)}</td><td>{E(m.State)}</td><td>{V(m.Previous, m.Unit)}</td><td>{V(m.Change, m.Unit)} {E(m.Trend ?? string.Empty)}</td><td>{m.AlarmDays}</td></tr>");
            }

            html.Append("</tbody></table><h3>Trusted leads today</h3>");
            html.Append(section.TrustedLeads.Count == 0 ? "<p>none</p>" : "<ul>");
            foreach (var lead in section.TrustedLeads)
            {
                html.Append(CultureInfo.InvariantCulture, $"<li>{E(lead.Name)} ({E(lead.LeadId)}, {E(lead.OwnerRepId ?? "no owner")}): {E(lead.Detail)}</li>");
            }

            html.Append(section.TrustedLeads.Count == 0 ? "</section>" : "</ul></section>");
        }

        return html.Append("</body></html>").ToString();
    }

    /// <summary>One CSV row per metric, trusted lead, lead gone red and alert (the <c>part</c> column says which).</summary>
    public static IEnumerable<DailyReportCsvRow> Rows(DailyReport report, IReadOnlyList<ReportSection> sections, IReadOnlyList<ReportAlert> alerts)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(alerts);
        var day = report.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var s in sections)
        {
            foreach (var m in s.Metrics)
            {
                yield return new(day, s.Name, s.MetricsWentRed.Contains(m.Id) ? "metric-went-red" : "metric", m.Id, m.Value, m.Unit, m.Healthy, m.Alarm, m.State, m.Previous, m.Change, m.Trend, m.AlarmDays, null);
            }

            foreach (var l in s.TrustedLeads)
            {
                yield return new(day, s.Name, "trusted-lead", l.LeadId, null, null, null, null, null, null, null, null, null, $"{l.Name}, {l.OwnerRepId}: {l.Detail}");
            }

            foreach (var l in s.LeadsWentRed)
            {
                yield return new(day, s.Name, "lead-went-red", l.LeadId, null, null, null, null, "overdue", null, null, null, null, $"{l.Name}, {l.OwnerRepId}: {l.Detail}");
            }
        }

        foreach (var a in alerts)
        {
            yield return new(day, a.Section, "alert", a.MetricId, a.Value, null, null, a.Alarm, "alarm", null, null, null, ReportFormat.AlarmDaysToAlert, a.Text);
        }
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string V(double? value, string unit) => E(ReportFormat.Value(value, unit));
}
