using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.Grains.FollowUp;

namespace CrmActors.Grains.Leads;

/// <summary>
/// Whether a lead intake routed needs its actor at once, and if not, when: a lead whose owner takes it from the
/// hand-over's journal row and that owes no co-assignee notice, no channel message and no return to marketing has
/// nothing to do until its earliest deadline (first touch, the first escalation step, customer silence), so its
/// customer's stored wake-up carries that time instead of a reminder of its own.
/// </summary>
public static class CapturedLeadWake
{
    /// <summary>When to wake the lead of <paramref name="captured"/>, or null when its actor is owed work now.</summary>
    public static DateTimeOffset? At(CapturedLead captured, TenantPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(captured);
        ArgumentNullException.ThrowIfNull(policy);
        if (captured.Routing is not { Decision: { ChosenRepId: not null } decision, FirstTouchDueAt: { } firstTouch } routed
            || decision.CoAssigneeRepId is not null
            || decision.Notify.Any(c => c != NotificationChannels.InApp))
        {
            return null;
        }

        // The same verdict the lead actor reaches when it adopts the decision (LeadGrain.JudgeQuality).
        var lead = new LeadState();
        lead.StartFrom(captured);
        var verdict = policy.Policy.Quality.Judge(lead.Facts(PhoneNumber.TryNormalize(captured.Lead.Phone, out _, out _)));
        if (lead.IsWithSales && verdict.Light == QualityLight.Red)
        {
            return null;
        }

        var wake = firstTouch;
        foreach (var step in policy.Policy.Escalation)
        {
            wake = Earliest(wake, routed.DecidedAt.AddDays(step.AfterDays));
        }

        return Earliest(wake, routed.DecidedAt.AddDays(policy.Policy.CustomerSilenceDays));
    }

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset b) => a <= b ? a : b;
}
