namespace CrmActors.FollowUp.Tests;

/// <summary>Business-time arithmetic: weekends, lunch breaks, holidays, adjusted workdays, time zones and DST.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static OpenInterval I(int fromHour, int toHour, int fromMinute = 0, int toMinute = 0) =>
        new(new TimeOnly(fromHour, fromMinute), toHour == 24 ? TimeOnly.MaxValue : new TimeOnly(toHour, toMinute));

    private static BusinessCalendar Weekdays(TimeZoneInfo zone, OpenInterval[] hours, DateOnly[]? holidays = null, DateOnly[]? extra = null) =>
        new(
            zone,
            new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
                .ToDictionary(d => d, _ => (IReadOnlyList<OpenInterval>)hours),
            holidays ?? [],
            extra ?? []);

    private static readonly BusinessCalendar NineToSix = Weekdays(Shanghai, [I(9, 18)]);

    [Fact]
    public void Add_FridayFivePmPlusTwoHours_EndsMondayTenAm() =>
        Assert.Equal(
            new DateTimeOffset(2026, 3, 9, 10, 0, 0, Cst),
            NineToSix.Add(new DateTimeOffset(2026, 3, 6, 17, 0, 0, Cst), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_StartGivenInAnotherOffset_IsTheSameInstant() =>
        Assert.Equal(
            new DateTimeOffset(2026, 3, 9, 10, 0, 0, Cst),
            NineToSix.Add(new DateTimeOffset(2026, 3, 6, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(2)));

    [Fact]
    public void Add_AcrossTheLunchBreakOf1200To1330_SkipsIt()
    {
        var calendar = Weekdays(Shanghai, [I(9, 12), I(13, 18, 30)]);
        Assert.Equal(
            new DateTimeOffset(2026, 3, 4, 14, 30, 0, Cst),
            calendar.Add(new DateTimeOffset(2026, 3, 4, 11, 0, 0, Cst), TimeSpan.FromHours(2)));
    }

    [Fact]
    public void Add_StartOnASaturday_CountsFromMondayOpening() =>
        Assert.Equal(
            new DateTimeOffset(2026, 3, 9, 9, 30, 0, Cst),
            NineToSix.Add(new DateTimeOffset(2026, 3, 7, 11, 0, 0, Cst), TimeSpan.FromMinutes(30)));

    [Fact]
    public void Add_Zero_InClosedTimeIsTheNextOpening_InOpenTimeIsTheStart()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 9, 0, 0, Cst), NineToSix.Add(new DateTimeOffset(2026, 3, 4, 20, 0, 0, Cst), TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 10, 0, 0, Cst), NineToSix.Add(new DateTimeOffset(2026, 3, 4, 10, 0, 0, Cst), TimeSpan.Zero));
    }

    [Fact]
    public void Add_NationalDayHolidays_AreSkipped_AndTheAdjustedSundayIsWorked()
    {
        // 2026: 1-7 October closed; Sunday 27 September worked instead.
        var holidays = Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)).ToArray();
        var calendar = Weekdays(Shanghai, [I(9, 18)], holidays, [new DateOnly(2026, 9, 27)]);

        Assert.Equal(
            new DateTimeOffset(2026, 10, 8, 11, 0, 0, Cst),
            calendar.Add(new DateTimeOffset(2026, 9, 30, 17, 0, 0, Cst), TimeSpan.FromHours(3)));
        Assert.Equal(
            new DateTimeOffset(2026, 9, 27, 12, 0, 0, Cst),
            calendar.Add(new DateTimeOffset(2026, 9, 26, 15, 0, 0, Cst), TimeSpan.FromHours(3)));
        Assert.True(calendar.IsOpen(new DateTimeOffset(2026, 9, 27, 10, 0, 0, Cst)));
        Assert.False(calendar.IsOpen(new DateTimeOffset(2026, 10, 2, 10, 0, 0, Cst)));
    }

    [Fact]
    public void Add_FortyEightBusinessHours_SpansAWeekAndAHoliday()
    {
        // Monday 2 March 09:00 + 48 h of 9 h days = 5 days 3 h; Wednesday 4 March is a holiday.
        var calendar = Weekdays(Shanghai, [I(9, 18)], [new DateOnly(2026, 3, 4)]);
        Assert.Equal(
            new DateTimeOffset(2026, 3, 10, 12, 0, 0, Cst),
            calendar.Add(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst), TimeSpan.FromHours(48)));
    }

    [Fact]
    public void OpenTime_NineToFiveAcrossBothDstChanges_IsAlwaysEightHours()
    {
        var calendar = new BusinessCalendar(
            NewYork,
            Enum.GetValues<DayOfWeek>().ToDictionary(d => d, _ => (IReadOnlyList<OpenInterval>)[I(9, 17)]),
            [],
            []);

        // 2026: clocks go forward on 8 March, back on 1 November (both Sundays, worked here).
        foreach (var day in new[] { new DateOnly(2026, 3, 7), new DateOnly(2026, 3, 8), new DateOnly(2026, 3, 9), new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2) })
        {
            var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), NewYork.GetUtcOffset(day.ToDateTime(new TimeOnly(12, 0))));

            // The window takes in the whole local day and none of its neighbours' hours (they close at 17:00, open at 09:00).
            Assert.Equal(TimeSpan.FromHours(8), calendar.OpenTimeBetween(midnight.AddHours(-3), midnight.AddHours(27)));
        }
    }

    [Fact]
    public void OpenTime_IntervalSpanningTheSpringGap_LosesAnHour_AndTheFallRepeat_GainsOne()
    {
        var calendar = new BusinessCalendar(
            NewYork,
            new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>> { [DayOfWeek.Sunday] = [I(0, 6)] },
            [],
            []);
        var spring = new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.FromHours(-5));
        var fall = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4));

        Assert.Equal(TimeSpan.FromHours(5), calendar.OpenTimeBetween(spring, spring.AddHours(12)));
        Assert.Equal(TimeSpan.FromHours(7), calendar.OpenTimeBetween(fall, fall.AddHours(12)));
    }

    [Fact]
    public void Add_ThenOpenTimeBetween_GivesTheSameDuration()
    {
        var calendar = Weekdays(NewYork, [I(8, 12), I(13, 17)], [new DateOnly(2026, 11, 26)]);
        var starts = new[]
        {
            new DateTimeOffset(2026, 3, 6, 16, 0, 0, TimeSpan.FromHours(-5)),
            new DateTimeOffset(2026, 10, 30, 11, 30, 0, TimeSpan.FromHours(-4)),
            new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.FromHours(-5)),
            new DateTimeOffset(2026, 11, 28, 3, 0, 0, TimeSpan.Zero),
        };
        foreach (var start in starts)
        {
            foreach (var hours in new[] { 0.5, 2, 7.75, 48, 24 * 31 })
            {
                var duration = TimeSpan.FromHours(hours);
                var end = calendar.Add(start, duration);
                Assert.Equal(duration, calendar.OpenTimeBetween(start, end));
                Assert.True(calendar.IsOpen(end.AddMinutes(-1)), $"{start:u} + {hours} h ends at {end:u}, which must follow open time");
            }
        }
    }

    [Fact]
    public void Add_ThirtyOneDaySla_IsComputedWithoutWalkingMinutes()
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        for (var i = 0; i < 1000; i++)
        {
            NineToSix.Add(new DateTimeOffset(2026, 3, 2, 9, 0, 0, Cst), TimeSpan.FromHours(31 * 9));
        }

        // A thousand 31-day SLAs: day by day this is ~45k day steps; minute by minute it would be ~10^8.
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Constructor_OverlappingOrInvertedIntervals_NameTheDay()
    {
        var overlap = Assert.Throws<ArgumentException>(() => Weekdays(Shanghai, [I(9, 13), I(12, 18)]));
        Assert.Contains("Monday", overlap.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new BusinessCalendar(Shanghai, new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>> { [DayOfWeek.Friday] = [I(18, 9)] }, [], []));
    }

    [Fact]
    public void Add_NoOpenTimeAtAll_ThrowsInsteadOfLooping() =>
        Assert.Throws<InvalidOperationException>(() => new BusinessCalendar(Shanghai, new Dictionary<DayOfWeek, IReadOnlyList<OpenInterval>>(), [], []).Add(DateTimeOffset.UnixEpoch, TimeSpan.FromHours(1)));

    [Fact]
    public void AlwaysOpen_AddsElapsedTime() =>
        Assert.Equal(
            new DateTimeOffset(2026, 3, 8, 11, 0, 0, TimeSpan.Zero),
            BusinessCalendar.AlwaysOpen.Add(new DateTimeOffset(2026, 3, 7, 9, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(26)));
}
