namespace CrmActors.GrainInterfaces.Reports;

/// <summary>
/// A tenant's daily report: the local time of day it is made (in the follow-up policy's calendar), whether
/// non-working days get one, the notification channel it is pushed to (sms, dingTalk, weCom, email; the channel's
/// webhook decides the format), and who receives what.
/// </summary>
[GenerateSerializer, Immutable, Alias("crm.DailyReportConfig")]
public sealed record class DailyReportConfig(
    TimeOnly At,
    bool IncludeNonWorkingDays,
    string Channel,
    IReadOnlyList<ReportRecipient> Recipients,
    bool Enabled,
    string ConfiguredBy);
