namespace CrmActors.GrainInterfaces.Reports;

/// <summary>
/// One dashboard metric on a report day: value, thresholds and state as the dashboard computed them, the value on
/// the previous report day and the change (<c>Trend</c>: <c>better</c>, <c>worse</c>, <c>same</c>, or null without
/// a previous value), how many report days in a row it has been in alarm, and its values on the recent report days
/// (oldest first, this day last).
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.ReportMetric")]
public sealed record class ReportMetric(
    string Id,
    double? Value,
    string Unit,
    double? Healthy,
    double? Alarm,
    bool HigherIsBetter,
    string State,
    double? Previous,
    double? Change,
    string? Trend,
    int AlarmDays,
    IReadOnlyList<double?> Recent);
