namespace CrmActors.GrainInterfaces.Reps;

/// <summary>When a rep works: local hours in an IANA time zone on the given days, and leave.</summary>
/// <param name="TimeZoneId">An IANA zone such as "Asia/Shanghai".</param>
/// <param name="Start">Start of the working day, local time.</param>
/// <param name="End">End of the working day, local time (earlier than <paramref name="Start"/> for a night shift).</param>
/// <param name="Days">Working days.</param>
/// <param name="OnLeaveUntil">While set and in the future, the rep receives no leads.</param>
[GenerateSerializer, Immutable, Alias("crm.RepSchedule")]
public sealed record class RepSchedule(string TimeZoneId, TimeOnly Start, TimeOnly End, IReadOnlyList<DayOfWeek> Days, DateTimeOffset? OnLeaveUntil);
