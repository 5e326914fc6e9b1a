namespace CrmActors.GrainInterfaces.Reports;

/// <summary>A tenant's report configuration as stored, with when the next report is due and the zone it is due in.</summary>
[GenerateSerializer, Immutable, Alias("crm.DailyReportSettings")]
public sealed record class DailyReportSettings(
    DailyReportConfig? Config, DateTimeOffset? ConfiguredAt, string TimeZone, DateOnly? NextDay, DateTimeOffset? NextAt, DateOnly? LastDay);
