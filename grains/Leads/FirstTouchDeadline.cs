namespace CrmActors.Grains.Leads;

/// <summary>The first-touch rule, without any runtime: when is a lead's deadline pending, and when is it missed.</summary>
public static class FirstTouchDeadline
{
    /// <summary>True while a deadline is armed and has neither been met nor missed.</summary>
    public static bool IsPending(LeadState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.FirstTouchDueAt is not null && state.FirstTouchAt is null && state.OverdueAt is null && state.IsWithSales;
    }

    /// <summary>True when the deadline is pending and <paramref name="now"/> is at or past it.</summary>
    public static bool IsMissed(LeadState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsPending(state) && now >= state.FirstTouchDueAt!.Value;
    }
}
