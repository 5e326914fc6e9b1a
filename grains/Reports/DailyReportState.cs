using CrmActors.GrainInterfaces.Reports;

namespace CrmActors.Grains.Reports;

/// <summary>The persisted state of a tenant's daily report: its configuration and the reports of the last days.</summary>
[GenerateSerializer, Alias("crm.DailyReportState")]
public sealed class DailyReportState
{
    /// <summary>The storage state name.</summary>
    public const string StateName = "daily-report";

    [Id(0)] public DailyReportConfig? Config { get; set; }
    [Id(1)] public DateTimeOffset? ConfiguredAt { get; set; }

    /// <summary>Reports are owed from this instant on (the first configuration): a day due before it is not made late.</summary>
    [Id(2)] public DateTimeOffset? OwedSince { get; set; }
    [Id(3)] public List<DailyReport> Reports { get; set; } = [];
}
