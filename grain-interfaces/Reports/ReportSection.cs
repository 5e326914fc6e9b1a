namespace CrmActors.GrainInterfaces.Reports;

/// <summary>
/// The report of one scope on one day: its metrics with trends, today's trusted leads, what went red since the
/// previous report (metrics that entered alarm, leads that became overdue) and the metrics in alarm two report
/// days in a row. <c>TeamId</c> is a rep's supervisor (who may read the rep's section). <c>OverdueLeadIds</c>, kept on
/// the latest stored report only, tells the next report which overdue leads are new.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ReportSection")]
public sealed record class ReportSection(
    ReportScope Scope,
    string? Id,
    string? TeamId,
    IReadOnlyList<string> Recipients,
    IReadOnlyList<ReportMetric> Metrics,
    IReadOnlyList<ReportLead> TrustedLeads,
    IReadOnlyList<string> MetricsWentRed,
    IReadOnlyList<ReportLead> LeadsWentRed,
    IReadOnlyList<string> OverdueLeadIds)
{
    /// <summary>The section's name: <c>tenant</c>, <c>team sup-wang</c>, <c>rep rep-li</c>.</summary>
    public string Name => Scope switch
    {
        ReportScope.Rep => $"rep {Id}",
        ReportScope.Team => $"team {Id}",
        _ => "tenant",
    };
}
