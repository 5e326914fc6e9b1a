namespace CrmActors.GrainInterfaces.Reports;

/// <summary>
/// A tenant's report for one local day: made once (a second firing of the reminder finds it), stored with the
/// day before it compared with, its sections, its alerts and what became of each pushed message.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.DailyReport")]
public sealed record class DailyReport(
    DateOnly Day,
    string TimeZone,
    DateTimeOffset MadeAt,
    DateOnly? PreviousDay,
    IReadOnlyList<ReportSection> Sections,
    IReadOnlyList<ReportAlert> Alerts,
    IReadOnlyList<ReportDelivery> Deliveries);
