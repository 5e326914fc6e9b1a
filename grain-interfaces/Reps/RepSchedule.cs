namespace CrmActors.GrainInterfaces.Reps;

/// <summary>
/// When a rep works: local hours in an IANA time zone on the given days, and leave. A schedule without days carries
/// only leave (<see cref="LeaveOnly"/>): the rep has no working hours, and routing treats them as always on shift.
/// </summary>
/// <param name="TimeZoneId">An IANA zone such as "Asia/Shanghai"; empty when there are no working hours.</param>
/// <param name="Start">Start of the working day, local time.</param>
/// <param name="End">End of the working day, local time (earlier than <paramref name="Start"/> for a night shift).</param>
/// <param name="Days">Working days; none when the rep has no working hours.</param>
/// <param name="OnLeaveUntil">While set and in the future, the rep receives no leads.</param>
[GenerateSerializer, Immutable, Alias("crm.RepSchedule")]
public sealed record class RepSchedule(string TimeZoneId, TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days, DateTimeOffset? OnLeaveUntil)
{
    /// <summary>True when the schedule has working hours; false when it only carries leave.</summary>
    public bool HasWorkingHours => Days.Count > 0;

    /// <summary>Leave without working hours.</summary>
    public static RepSchedule LeaveOnly(DateTimeOffset onLeaveUntil) => new(string.Empty, default, default, [], onLeaveUntil);
}
