namespace CrmActors.Grains.Common;

/// <summary>
/// The one way the actors keep a deadline in a durable reminder (docs/adr/0003): armed for a due time (at once when it
/// has passed), ticking again every retry period until retired, so a firing whose work failed comes back.
/// </summary>
public static class DurableReminders
{
    /// <summary>How soon a reminder fires again after a firing that did not retire or move it.</summary>
    public static readonly TimeSpan RetryPeriod = TimeSpan.FromMinutes(1);

    /// <summary>Registers (or moves) the grain's reminder <paramref name="name"/> to fire at <paramref name="due"/>.</summary>
    public static Task ArmAsync(this Grain grain, string name, DateTimeOffset due, DateTimeOffset now) =>
        grain.RegisterOrUpdateReminder(name, due > now ? due - now : TimeSpan.Zero, RetryPeriod);

    /// <summary>Unregisters the grain's reminder <paramref name="name"/> when it has one.</summary>
    public static async Task RetireAsync(this Grain grain, string name)
    {
        if (await grain.GetReminder(name) is { } reminder)
        {
            await grain.UnregisterReminder(reminder);
        }
    }

}
