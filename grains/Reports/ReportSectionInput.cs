using CrmActors.GrainInterfaces.Reports;
using CrmActors.GrainInterfaces.Stats;

namespace CrmActors.Grains.Reports;

/// <summary>
/// What a report section is made from: the scope, who receives it, the dashboard of that scope at report time,
/// its trusted leads and overdue leads, and the managers responsible for it (alerted when a metric stays in alarm).
/// </summary>
public sealed record class ReportSectionInput(
    ReportScope Scope,
    string? Id,
    string? TeamId,
    IReadOnlyList<string> Recipients,
    DashboardView View,
    IReadOnlyList<LeadBehind> Trusted,
    IReadOnlyList<LeadBehind> Overdue,
    IReadOnlyList<string> Managers);
