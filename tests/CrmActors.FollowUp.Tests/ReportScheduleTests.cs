namespace CrmActors.FollowUp.Tests;

/// <summary>When the daily report is due: local time of day in the tenant's calendar, working days, holidays, adjusted workdays, DST.</summary>
public sealed class ReportScheduleTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly ReportSchedule HalfPastEight = new(new TimeOnly(8, 30));

    private static BusinessCalendar Calendar(string json)
    {
        var (policy, errors) = FollowUpPolicy.Parse(json);
        Assert.Empty(errors);
        return FollowUpPolicyValidator.CalendarOf(policy!);
    }

    private static readonly BusinessCalendar Shanghai = Calendar("""
        { "calendar": { "timeZone": "Asia/Shanghai",
          "hours": { "mon": ["09:00-18:00"], "tue": ["09:00-18:00"], "wed": ["09:00-18:00"], "thu": ["09:00-18:00"], "fri": ["09:00-18:00"] },
          "holidays": ["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"],
          "extraWorkdays": ["2026-09-27", "2026-10-10"] } }
        """);

    private static readonly BusinessCalendar NewYork = Calendar("""
        { "calendar": { "timeZone": "America/New_York",
          "hours": { "mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"], "thu": ["09:00-17:00"], "fri": ["09:00-17:00"] } } }
        """);

    [Fact]
    public void Next_ShanghaiWorkdayBeforeTheTime_IsTodayAtHalfPastEightLocal()
    {
        var next = HalfPastEight.Next(Shanghai, new DateTimeOffset(2026, 3, 4, 8, 0, 0, Cst));

        Assert.Equal((new DateOnly(2026, 3, 4), new DateTimeOffset(2026, 3, 4, 0, 30, 0, TimeSpan.Zero)), next);
    }

    [Fact]
    public void Latest_SaturdayMorning_IsFridaysReport_AndNextIsMonday()
    {
        var saturday = new DateTimeOffset(2026, 3, 7, 10, 0, 0, Cst);

        Assert.Equal(new DateOnly(2026, 3, 6), HalfPastEight.Latest(Shanghai, saturday)?.Day);
        Assert.Equal((new DateOnly(2026, 3, 9), new DateTimeOffset(2026, 3, 9, 8, 30, 0, Cst)), HalfPastEight.Next(Shanghai, saturday));
        Assert.Equal(new DateOnly(2026, 3, 6), HalfPastEight.Previous(Shanghai, new DateOnly(2026, 3, 9)));
    }

    [Fact]
    public void Next_NationalDayHolidays_AreSkipped_AndTheAdjustedWeekendDaysGetAReport()
    {
        Assert.Equal(new DateOnly(2026, 9, 27), HalfPastEight.Next(Shanghai, new DateTimeOffset(2026, 9, 25, 20, 0, 0, Cst))?.Day);
        Assert.Equal(new DateOnly(2026, 10, 8), HalfPastEight.Next(Shanghai, new DateTimeOffset(2026, 9, 30, 20, 0, 0, Cst))?.Day);
        Assert.Equal(new DateOnly(2026, 9, 30), HalfPastEight.Previous(Shanghai, new DateOnly(2026, 10, 8)));
        Assert.Equal(new DateOnly(2026, 10, 10), HalfPastEight.Next(Shanghai, new DateTimeOffset(2026, 10, 9, 9, 0, 0, Cst))?.Day);
        Assert.False(HalfPastEight.IsReportDay(Shanghai, new DateOnly(2026, 10, 1)));
        Assert.True(HalfPastEight.IsReportDay(Shanghai, new DateOnly(2026, 9, 27)));
    }

    [Fact]
    public void IncludeNonWorkingDays_SaturdayAndHolidaysGetReports()
    {
        var everyDay = HalfPastEight with { IncludeNonWorkingDays = true };

        Assert.Equal(new DateOnly(2026, 3, 8), everyDay.Next(Shanghai, new DateTimeOffset(2026, 3, 7, 10, 0, 0, Cst))?.Day);
        Assert.True(everyDay.IsReportDay(Shanghai, new DateOnly(2026, 10, 1)));
        Assert.Equal(new DateOnly(2026, 10, 7), everyDay.Previous(Shanghai, new DateOnly(2026, 10, 8)));
    }

    [Fact]
    public void Next_NewYorkAcrossTheSpringForward_StaysAtHalfPastEightLocal()
    {
        // 2026-03-08 02:00 EST becomes 03:00 EDT: Friday's report is 13:30 UTC, Monday's 12:30 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 13, 30, 0, TimeSpan.Zero), HalfPastEight.Next(NewYork, new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero))?.At);
        Assert.Equal((new DateOnly(2026, 3, 9), new DateTimeOffset(2026, 3, 9, 12, 30, 0, TimeSpan.Zero)), HalfPastEight.Next(NewYork, new DateTimeOffset(2026, 3, 6, 14, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Next_TimeSkippedBySpringForward_MovesToTheEndOfTheGap()
    {
        var halfPastTwo = new ReportSchedule(new TimeOnly(2, 30), IncludeNonWorkingDays: true);

        var next = halfPastTwo.Next(NewYork, new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero));

        // 02:30 does not exist on 8 March; 03:00 EDT is 07:00 UTC.
        Assert.Equal((new DateOnly(2026, 3, 8), new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero)), next);
    }

    [Fact]
    public void Latest_AfterMidnightUtcButBeforeLocalTime_IsTheDayBeforeInShanghai()
    {
        // 2026-03-04 23:00 UTC is Thursday 07:00 in Shanghai: Thursday's report has not come; Wednesday's has.
        var latest = HalfPastEight.Latest(Shanghai, new DateTimeOffset(2026, 3, 4, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 3, 4), latest?.Day);
    }

    [Fact]
    public void CalendarFor_PolicyWithoutCalendar_IsWeekdaysInShanghai()
    {
        var calendar = ReportSchedule.CalendarFor(FollowUpPolicy.Default, BusinessCalendar.AlwaysOpen);

        Assert.Equal("Asia/Shanghai", calendar.Zone.Id);
        Assert.False(calendar.IsWorkday(new DateOnly(2026, 3, 7)));
        Assert.True(calendar.IsWorkday(new DateOnly(2026, 3, 6)));
        Assert.Same(Shanghai, ReportSchedule.CalendarFor(new FollowUpPolicy { Calendar = new CalendarPolicy() }, Shanghai));
    }
}
