namespace CrmActors.Grains.Notifications;

/// <summary>When an outbox tries a failed notification again: 30 s, doubling to at most an hour, 8 attempts in all.</summary>
public static class NotificationBackoff
{
    /// <summary>Attempts before a notification is given up (and recorded as dropped).</summary>
    public const int MaxAttempts = 8;

    /// <summary>How often a notification waiting on a paused channel looks again.</summary>
    public static readonly TimeSpan PausedRecheck = TimeSpan.FromMinutes(5);

    private static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    /// <summary>The wait after the <paramref name="failures"/>-th failure (1 or more).</summary>
    public static TimeSpan After(int failures) =>
        failures <= 1 ? First : TimeSpan.FromTicks(Math.Min(Longest.Ticks, First.Ticks << Math.Min(failures - 1, 20)));
}
