using CrmActors.GrainInterfaces.Reps;

namespace CrmActors.Grains.Reps;

/// <summary>
/// A rep's recent data quality (plain C#): over the activities the rep logged on their own leads in the last
/// <see cref="WindowDays"/> UTC days, the mean of three shares: key fields complete (a summary and the next step),
/// evidence attached, and logged within <see cref="OnTime"/> of happening. From 0 to 1, rounded to 0.01; null without
/// an activity in the window. Counts are kept per day, so the record stays at most <see cref="WindowDays"/> entries.
/// </summary>
public static class RepDataQuality
{
    /// <summary>How many days back activities count.</summary>
    public const int WindowDays = 30;

    /// <summary>An activity logged within this of when it happened is on time (the dashboard's "entered within 24 h").</summary>
    public static readonly TimeSpan OnTime = TimeSpan.FromHours(24);

    /// <summary>Whether an activity's record has its key fields: a summary of what happened and the next follow-up.</summary>
    public static bool KeyFieldsComplete(string? summary, DateTimeOffset? nextFollowUpAt) =>
        !string.IsNullOrWhiteSpace(summary) && nextFollowUpAt is not null;

    /// <summary>Adds <paramref name="record"/> to its day (by when it was logged) and forgets days out of the window.</summary>
    public static void Add(List<DailyRecords> days, ActivityRecord record)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(record);
        var day = DayOf(record.LoggedAt);
        days.RemoveAll(d => d.Day <= day - WindowDays);
        var onTime = record.LoggedAt - record.At <= OnTime ? 1 : 0;
        var i = days.FindIndex(d => d.Day == day);
        var today = i < 0 ? new DailyRecords(day, 0, 0, 0, 0) : days[i];
        today = today with
        {
            Activities = today.Activities + 1,
            KeyFieldsComplete = today.KeyFieldsComplete + (record.KeyFieldsComplete ? 1 : 0),
            WithEvidence = today.WithEvidence + (record.HasEvidence ? 1 : 0),
            OnTime = today.OnTime + onTime,
        };
        if (i < 0)
        {
            days.Add(today);
            days.Sort((a, b) => a.Day.CompareTo(b.Day));
        }
        else
        {
            days[i] = today;
        }
    }

    /// <summary>The quality at <paramref name="now"/> from the days in the window: (complete + evidence + on time) / (3 x activities).</summary>
    public static double? Score(IEnumerable<DailyRecords> days, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(days);
        var first = DayOf(now) - WindowDays + 1;
        long activities = 0, good = 0;
        foreach (var d in days)
        {
            if (d.Day >= first)
            {
                activities += d.Activities;
                good += d.KeyFieldsComplete + d.WithEvidence + d.OnTime;
            }
        }

        return activities == 0 ? null : Math.Round(good / (3.0 * activities), 2);
    }

    private static long DayOf(DateTimeOffset at) => at.ToUnixTimeSeconds() / 86_400;
}
