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

    /// <summary>The first-touch window a routing decision set, or the default when it set none that is valid.</summary>
    public static TimeSpan WindowOf(GrainInterfaces.Routing.RouteResult decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return GrainInterfaces.Leads.FirstTouchWindow.IsValid(decision.FirstTouchSla) ? decision.FirstTouchSla : GrainInterfaces.Leads.FirstTouchWindow.Default;
    }

    /// <summary>When a first touch assigned at <paramref name="from"/> is due: business time when the tenant's calendar counts for it.</summary>
    public static DateTimeOffset DueAt(FollowUp.TenantPolicy policy, DateTimeOffset from, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Policy.Calendar is { UseForFirstTouch: true } ? policy.Calendar.Add(from, window) : from + window;
    }

    /// <summary>True when the deadline is pending and <paramref name="now"/> is at or past it.</summary>
    public static bool IsMissed(LeadState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        return IsPending(state) && now >= state.FirstTouchDueAt!.Value;
    }
}
