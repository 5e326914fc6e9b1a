namespace CrmActors.WebApi.Contracts;

/// <summary>
/// The body of PUT /api/v1/reports/daily/config: the local time of day (<c>"08:30"</c>, in the follow-up policy's
/// calendar), whether weekends and holidays get a report (default no), the notification channel it is pushed to
/// (sms, dingTalk, weCom, email), who receives which scope, and whether it is on (default yes).
/// </summary>
public sealed record class PutDailyReportConfigRequest(string? At, bool? IncludeNonWorkingDays, string? Channel, IReadOnlyList<ReportRecipientRequest?>? Recipients, bool? Enabled);

/// <summary>A recipient: a user id and the scope of their report (<c>rep</c>: their own leads, <c>team</c>: their reps', <c>tenant</c>: all).</summary>
public sealed record class ReportRecipientRequest(string? UserId, string? Scope);

/// <summary>A recipient as the API shows it.</summary>
public sealed record class ReportRecipientResponse(string UserId, string Scope);

/// <summary>The tenant's daily report configuration, the zone its times are in, and when the next report is due.</summary>
public sealed record class DailyReportConfigResponse(
    bool Configured,
    string? At,
    bool IncludeNonWorkingDays,
    string? Channel,
    IReadOnlyList<ReportRecipientResponse> Recipients,
    bool Enabled,
    string? ConfiguredBy,
    DateTimeOffset? ConfiguredAt,
    string TimeZone,
    DateOnly? NextDay,
    DateTimeOffset? NextAt,
    DateOnly? LastDay);
