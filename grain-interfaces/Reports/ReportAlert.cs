namespace CrmActors.GrainInterfaces.Reports;

/// <summary>A metric in alarm on two report days in a row, and the managers responsible who were alerted.</summary>
[GenerateSerializer, Immutable, Alias("crm.ReportAlert")]
public sealed record class ReportAlert(string Section, string MetricId, double? Value, double? Alarm, IReadOnlyList<string> ManagerIds, string Text);
