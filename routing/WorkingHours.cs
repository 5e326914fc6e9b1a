namespace CrmActors.Routing;

/// <summary>
/// When a rep is on shift, in their own time zone. <paramref name="Start"/> later than <paramref name="End"/> is a
/// night shift that ends the next day (the day it starts on must be listed); equal times mean the whole day.
/// </summary>
/// <param name="TimeZoneId">An IANA time zone id such as <c>Asia/Shanghai</c>.</param>
/// <param name="Start">The local start of the shift (inclusive).</param>
/// <param name="End">The local end of the shift (exclusive).</param>
public sealed record class WorkingHours(string TimeZoneId, TimeOnly Start, TimeOnly End)
{
    /// <summary>Monday to Friday.</summary>
    public static IReadOnlyList<DayOfWeek> Weekdays { get; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>The days a shift starts on; Monday to Friday unless given.</summary>
    public IReadOnlyList<DayOfWeek> Days { get; init; } = Weekdays;
}
