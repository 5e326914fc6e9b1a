namespace CrmActors.WebApi.Reports;

/// <summary>One row of a daily report's CSV export.</summary>
public sealed record class DailyReportCsvRow(
    string Day, string Section, string Part, string Id, double? Value, string? Unit, double? Healthy, double? Alarm, string? State,
    double? Previous, double? Change, string? Trend, int? AlarmDays, string? Detail);
