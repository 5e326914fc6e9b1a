using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;

namespace CrmActors.Grains.Leads;

/// <summary>
/// Routing a lead: the tenant's router decides from the loads as they are now and reserves room with the rep it picks;
/// the lead stores the assignment (owner, deadline, decision, and what the reps and channels are owed) in one write,
/// then tells the reps. Room reserved for an assignment that was not stored is given back, whatever stopped it. Every
/// decision goes to the lead's journal, so its routing history can be read back.
/// </summary>
public sealed partial class LeadGrain
{
    /// <summary>The journal event of a routing decision.</summary>
    public const string RoutingEvent = LeadJournalRows.RoutingEvent;

    private const int RoutingHistoryLimit = 200;

    /// <inheritdoc />
    public Task<LeadSnapshot> RouteAsync(string requestedBy) =>
        RouteForAsync(requestedBy, S.OwnerRepId is null && S.Routing is null ? LeadRoutingRecord.First : LeadRoutingRecord.Reroute);

    private async Task<LeadSnapshot> RouteForAsync(string requestedBy, string kind)
    {
        RequireOpen();
        var previousOwner = S.OwnerRepId;
        var exclude = previousOwner is not null ? [.. S.PreviousOwners, previousOwner] : S.PreviousOwners.ToList();
        var router = GrainFactory.GetGrain<IRouterGrain>(GrainKeys.For(Tenant, IRouterGrain.Id));
        // The score of the lead's latest change; without one the router scores the profile if the tenant weighs it.
        var result = await router.RouteAsync(LeadRoutingView.Request(LeadId, S.Captured!, S.CreatedAt, exclude, S.Score?.WinProbability));
        var now = clock.GetUtcNow();
        var routing = new LeadRouting(result.RuleSetVersion, result.RuleId, result.ChosenRepId, result.DecisionJson, now, result.Urgency, result.UnassignedReason);
        try
        {
            QueueRoutingJournal(new LeadRoutingRecord(now, kind, requestedBy, result.RuleSetVersion, result.RuleId, result.ChosenRepId, result.UnassignedReason, previousOwner, result.DecisionJson));
            if (result.ChosenRepId is not { } taker)
            {
                S.Routing = routing;
                S.Record(now, "routing-unassigned", $"rule set v{result.RuleSetVersion}, rule {result.RuleId ?? "fallback"}: {result.UnassignedReason ?? "nobody could take it"} (requested by {requestedBy})");
                await state.WriteOrFailAsync(this, logger);
            }
            else
            {
                await AssignRoutedAsync(result, taker, routing, $"by routing v{result.RuleSetVersion} ({result.RuleId ?? "fallback"}), requested by {requestedBy}", now);
            }
        }
        catch (Exception) when (result.ChosenRepId is not null)
        {
            // Not stored (a write or the deadline's reminder failed, the silo is stopping): the rep gets the room back.
            await ReleaseReservationAsync(router, result.ChosenRepId);
            throw;
        }

        await FlushOutboxAsync();
        await FinishOwedAsync();
        return Snapshot();
    }

    /// <summary>Stores the routed assignment; the rep's notice, the co-assignee's and the rule's channels are owed with it.</summary>
    private async Task AssignRoutedAsync(RouteResult result, string taker, LeadRouting routing, string how, DateTimeOffset now)
    {
        var window = FirstTouchDeadline.WindowOf(result);
        var notice = OweRoutedNotices(result, taker, window, now);
        await ApplyAssignmentAsync(taker, window, how, routing, notice);
    }

    /// <summary>
    /// A lead that intake routed before acknowledging it starts with its owner, deadline and decision (LeadState.StartFrom);
    /// here it takes on what that decision owes: the owner's hand-over with its inbox notice, the co-assignee's notice,
    /// the rule's channels, and the follow-up clocks an assignment starts. The decision's and the hand-over's journal rows
    /// were committed with the capture.
    /// </summary>
    private async Task AdoptCapturedRoutingAsync(CapturedLead captured)
    {
        if (captured.Routing is not { Decision.ChosenRepId: { } taker } routed)
        {
            return;
        }

        var policy = await policies.GetAsync(Tenant);
        var notice = OweRoutedNotices(routed.Decision, taker, FirstTouchDeadline.WindowOf(routed.Decision), routed.DecidedAt);
        RestartQuietClocks(routed.DecidedAt, policy);
        JudgeQuality(routed.DecidedAt, policy);
        S.RepUpdates.Add(new OwedRepUpdate(taker, RepUpdateKind.Take, routed.DecidedAt, notice, Routed: true));
    }

    /// <summary>Starts from the lead as intake captured it (with intake's routing decision, if it took one).</summary>
    private async Task StartFromCapturedAsync(CapturedLead captured)
    {
        S.StartFrom(captured);
        await AdoptCapturedRoutingAsync(captured);
    }

    /// <summary>Owes the co-assignee's notice and the rule's channels of a routed assignment; returns the owner's inbox notice.</summary>
    private InboxItem OweRoutedNotices(RouteResult result, string taker, TimeSpan window, DateTimeOffset now)
    {
        var name = LeadNotices.NameOf(S.Captured!);
        var interest = LeadNotices.InterestOf(S.Captured!);
        S.CoAssigneeRepId = result.CoAssigneeRepId;
        if (result.CoAssigneeRepId is { } coAssignee)
        {
            S.RepUpdates.Add(new OwedRepUpdate(coAssignee, RepUpdateKind.Notify, now, new InboxItem(
                Id: $"lead/{LeadId}/co-assigned/{coAssignee}/{now.ToUnixTimeMilliseconds()}",
                Kind: "lead-co-assigned",
                Title: $"Co-assigned with {taker}: {name}",
                LeadId: LeadId,
                CreatedAt: now)));
        }

        // The rule's channels go into the lead's outbox in the same write as the assignment; the inbox is in-app.
        foreach (var channel in result.Notify.Where(c => c != NotificationChannels.InApp).Distinct(StringComparer.Ordinal))
        {
            S.Notifications.Add(new PendingNotification(
                channel,
                new OutboundNotification(
                    $"lead/{LeadId}/assigned/{now.ToUnixTimeMilliseconds()}/{channel}",
                    "lead-assigned",
                    $"New lead for {taker}: {name}{interest}; first touch within {window.TotalMinutes:0} min. Lead {LeadId}.",
                    LeadId,
                    taker,
                    now),
                Attempts: 0,
                NextAttemptAt: now));
        }

        return LeadNotices.Assigned(LeadId, S.Captured!, now);
    }

    private async Task ReleaseReservationAsync(IRouterGrain router, string repId)
    {
        try
        {
            await router.ReleaseAsync(LeadId);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The reservation lapses by itself (RouterGrain.ReservationLifetime).
            LogReleaseFailed(logger, ex, this.GetPrimaryKeyString(), repId);
        }
    }

    /// <inheritdoc />
    public async Task RouteCapturedAsync()
    {
        try
        {
            await SettleRoutingAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Still pending on the customer, whose wake-up tries again.
            LogRoutingDeferred(logger, ex, this.GetPrimaryKeyString());
            return;
        }

        if (IntakeIds.TryCustomerOfLead(LeadId, out var customerId))
        {
            await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Tenant, customerId)).LeadRoutingSettledAsync(LeadId);
        }
    }

    /// <inheritdoc />
    public async Task<bool> SettleRoutingAsync()
    {
        if (!S.Exists || S.IsClosed)
        {
            return true;
        }

        if (S.OwnerRepId is not null || S.Routing is not null)
        {
            // Routed before; after a crash, what the reps are owed of it may still be outstanding.
            await FinishOwedAsync();
            return true;
        }

        try
        {
            await RouteForAsync("intake", LeadRoutingRecord.First);
        }
        catch (CrmException ex) when (ex.Code == CrmErrorCode.Conflict)
        {
            // No rule set is published (or the live one no longer fits the roster): until one is, the tenant
            // assigns by hand, and the lead stays new for the first-touch and unassigned counts to show.
            LogNotRouted(logger, this.GetPrimaryKeyString(), ex.Message);
        }

        return true;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeadRoutingRecord>> GetRoutingHistoryAsync()
    {
        RequireExists();
        var stored = await journal.ReadStreamAsync(Tenant, LeadId, RoutingHistoryLimit, RoutingEvent);
        var history = stored.Concat(S.Journal.Where(e => e.EventType == RoutingEvent && e.Stream is null))
            .DistinctBy(e => e.EventId, StringComparer.Ordinal)
            .OrderBy(LeadJournalRows.NumberOf)
            .Select(LeadJournalRows.ReadRouting)
            .ToList();

        // A lead routed before decisions were journaled still shows the one decision it kept.
        if (history.Count == 0 && S.Routing is { } latest)
        {
            history.Add(new LeadRoutingRecord(latest.At, LeadRoutingRecord.First, "unknown", latest.RuleSetVersion, latest.RuleId, latest.ChosenRepId, null, null, latest.DecisionJson));
        }

        return history;
    }

    private void QueueRoutingJournal(LeadRoutingRecord record)
    {
        S.RoutingDecisions++;
        S.Journal.Add(LeadJournalRows.Routing(LeadId, S.RoutingDecisions, record));
    }
}
