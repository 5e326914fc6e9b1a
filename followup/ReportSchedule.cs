namespace CrmActors.FollowUp;

/// <summary>
/// When a tenant's daily report is due: at a local time of day in the tenant's business calendar, on its working
/// days (a weekday with hours that is no holiday, or an adjusted working weekend), or on every day when the tenant
/// asked for that. A report day is named by its local date, so a zone with daylight saving keeps 08:30 at 08:30.
/// </summary>
/// <param name="At">The local time of day the report is made.</param>
/// <param name="IncludeNonWorkingDays">True to make a report on weekends and holidays too.</param>
public sealed record class ReportSchedule(TimeOnly At, bool IncludeNonWorkingDays = false)
{
    // Looking further back or ahead than this finds nothing a calendar with a working day a month would not.
    private const int SearchDays = 400;

    /// <summary>
    /// The calendar of a tenant that has none in its follow-up policy: Monday to Friday, 09:00-18:00, in
    /// Asia/Shanghai (the policy's default zone), so its reports skip weekends.
    /// </summary>
    public static BusinessCalendar DefaultCalendar { get; } = new(
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"),
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .ToDictionary(d => d, IReadOnlyList<OpenInterval> (_) => [new OpenInterval(new TimeOnly(9, 0), new TimeOnly(18, 0))]),
        [],
        []);

    /// <summary>The calendar reports follow: the policy's when it has one, else <see cref="DefaultCalendar"/>.</summary>
    public static BusinessCalendar CalendarFor(FollowUpPolicy policy, BusinessCalendar policyCalendar)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Calendar is null ? DefaultCalendar : policyCalendar;
    }

    /// <summary>True when local day <paramref name="day"/> gets a report.</summary>
    public bool IsReportDay(BusinessCalendar calendar, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return IncludeNonWorkingDays || calendar.IsWorkday(day);
    }

    /// <summary>The latest report day whose time has come at <paramref name="now"/>, with that time; null when none within a year.</summary>
    public (DateOnly Day, DateTimeOffset At)? Latest(BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = calendar.LocalDateOf(now).AddDays(1);
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(-1))
        {
            if (IsReportDay(calendar, day) && calendar.At(day, At) is var at && at <= now)
            {
                return (day, at);
            }
        }

        return null;
    }

    /// <summary>The first report day whose time is after <paramref name="now"/>, with that time; null when none within a year.</summary>
    public (DateOnly Day, DateTimeOffset At)? Next(BusinessCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = calendar.LocalDateOf(now).AddDays(-1);
        for (var i = 0; i < SearchDays; i++, day = day.AddDays(1))
        {
            if (IsReportDay(calendar, day) && calendar.At(day, At) is var at && at > now)
            {
                return (day, at);
            }
        }

        return null;
    }

    /// <summary>The report day before <paramref name="day"/> (what "the previous report" and "two days in a row" compare with).</summary>
    public DateOnly? Previous(BusinessCalendar calendar, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        for (var d = day.AddDays(-1); d > day.AddDays(-SearchDays); d = d.AddDays(-1))
        {
            if (IsReportDay(calendar, d))
            {
                return d;
            }
        }

        return null;
    }
}
