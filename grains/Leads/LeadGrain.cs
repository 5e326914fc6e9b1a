using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Routing;
using System.Text.Json;
using CrmActors.Grains.Common;
using CrmActors.Grains.FollowUp;
using CrmActors.Grains.Notifications;
using CrmActors.MlModels.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Leads;

/// <summary>
/// A lead: capture, assignment and routing here; activities, signals and hints in LeadGrain.FollowUp.cs;
/// deadlines and their one durable reminder in LeadGrain.Deadlines.cs.
/// </summary>
public sealed partial class LeadGrain(
    [PersistentState(LeadState.StateName, CrmStorage.Name)] IPersistentState<LeadState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache policies,
    IJournal journal,
    Stats.StatsFeed stats,
    ILogger<LeadGrain> logger) : Grain, ILeadGrain, IRemindable
{
    private LeadState S => state.State;

    private string LeadId => GrainKeys.Parse(this.GetPrimaryKeyString()).Id;

    private string Tenant => GrainKeys.Parse(this.GetPrimaryKeyString()).Tenant;

    /// <inheritdoc />
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // A lead captured by intake lives in its customer's row until something changes it here.
        if (!S.Exists && IntakeIds.TryCustomerOfLead(LeadId, out var customerId))
        {
            var captured = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Tenant, customerId)).GetCapturedLeadAsync(LeadId);
            if (captured is not null)
            {
                S.StartFrom(captured);
            }
        }

        await RecoverReminderAsync(cancellationToken);
    }

    /// <inheritdoc />
    public async Task<LeadSnapshot> CreateAsync(NewLead lead)
    {
        ArgumentNullException.ThrowIfNull(lead);
        if (S.Exists)
        {
            return Snapshot();
        }

        S.StartFrom(new CapturedLead(LeadId, lead, clock.GetUtcNow()));
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<LeadSnapshot> RecordResubmissionAsync(NewLead submission, CapturedLead? captured)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (!S.Exists && captured is not null && captured.LeadId == LeadId)
        {
            S.StartFrom(captured);
        }

        RequireExists();
        var detail = $"submitted again from {submission.Channel} by {submission.CreatedBy}"
            + (submission.Name != S.Captured!.Name ? $" as '{submission.Name}'" : string.Empty)
            + (string.IsNullOrWhiteSpace(submission.Note) ? string.Empty : $": {submission.Note}");
        S.Record(clock.GetUtcNow(), "duplicate-submission", detail);
        await state.WriteOrFailAsync(this, logger);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task RelinkCustomerAsync(string customerId)
    {
        RequireExists();
        if (S.Captured!.CustomerId != customerId)
        {
            var previous = S.Captured.CustomerId;
            S.Captured = S.Captured with { CustomerId = customerId };
            S.Record(clock.GetUtcNow(), "customer-merged", $"customer {previous} merged into {customerId}");
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public Task<LeadSnapshot?> GetAsync() => Task.FromResult(S.Exists ? Snapshot() : null);

    /// <inheritdoc />
    public async Task<LeadSnapshot> AssignAsync(AssignLead command)
    {
        ArgumentNullException.ThrowIfNull(command);
        RequireOpen();
        if (!FirstTouchWindow.IsValid(command.FirstTouchWithin))
        {
            throw CrmException.Invalid("firstTouchWithinSeconds", $"The first-touch window must be between {FirstTouchWindow.Minimum} and {FirstTouchWindow.Maximum}.");
        }

        var rep = GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, command.RepId));
        var profile = await rep.GetAsync() ?? throw CrmException.NotFound("Rep", command.RepId, "repId");
        if (!profile.Profile.Active)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"Rep '{command.RepId}' is inactive and cannot receive leads.", "repId");
        }

        if (S.OwnerRepId == command.RepId && S.FirstTouchDueAt is not null)
        {
            return Snapshot();
        }

        await ApplyAssignmentAsync(command.RepId, command.FirstTouchWithin, $"by {command.AssignedBy}", routing: null);

        // The lead is durable and its deadline armed; the rep's list is derived and idempotent.
        await rep.AddOpenLeadAsync(LeadId);
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<LeadSnapshot> RouteAsync(string requestedBy)
    {
        RequireOpen();
        var exclude = S.OwnerRepId is { } owner ? [.. S.PreviousOwners, owner] : S.PreviousOwners.ToList();
        var router = GrainFactory.GetGrain<IRouterGrain>(GrainKeys.For(Tenant, IRouterGrain.Id));
        var result = await router.RouteAsync(new RouteRequest(LeadId, JsonSerializer.Serialize(LeadRoutingView.Of(LeadId, S.Captured!, S.CreatedAt), RoutingJson.Options), exclude));

        // The router ranks from a snapshot; the rep actors have the last word on capacity, so the lead goes
        // to the best-ranked rep who still has room when asked. The rep's inbox gets the lead in the same write.
        var now = clock.GetUtcNow();
        var notice = new InboxItem(
            Id: $"lead/{LeadId}/assigned/{now.ToUnixTimeMilliseconds()}",
            Kind: "lead-assigned",
            Title: $"New lead: {S.Captured!.Name} ({S.Captured.Channel}){(S.Captured.ProductInterest is { } product ? $", {product}" : string.Empty)}",
            LeadId: LeadId,
            CreatedAt: now);
        string? taker = null;
        foreach (var candidate in result.Ranked)
        {
            if (await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, candidate)).TryTakeLeadAsync(LeadId, notice))
            {
                taker = candidate;
                break;
            }
        }

        var routing = new LeadRouting(result.RuleSetVersion, result.RuleId, taker, result.DecisionJson, now);
        if (taker is null)
        {
            S.Routing = routing;
            S.Record(now, "routing-unassigned", $"rule set v{result.RuleSetVersion}, rule {result.RuleId ?? "fallback"}: no eligible rep had room (requested by {requestedBy})");
            await state.WriteOrFailAsync(this, logger);
            return Snapshot();
        }

        var window = FirstTouchWindow.IsValid(result.FirstTouchSla) ? result.FirstTouchSla : FirstTouchWindow.Default;
        S.CoAssigneeRepId = await CoAssigneeAsync(result, taker);

        // The rule's channels go into the lead's outbox in the same write as the assignment; the inbox is in-app.
        foreach (var channel in (result.Notify ?? []).Where(c => c != NotificationChannels.InApp).Distinct(StringComparer.Ordinal))
        {
            S.Notifications.Add(new PendingNotification(
                channel,
                new OutboundNotification(
                    $"lead/{LeadId}/assigned/{now.ToUnixTimeMilliseconds()}/{channel}",
                    "lead-assigned",
                    $"New lead for {taker}: {S.Captured.Name} ({S.Captured.Channel}){(S.Captured.ProductInterest is { } interest ? $", {interest}" : string.Empty)}; first touch within {window.TotalMinutes:0} min. Lead {LeadId}.",
                    LeadId,
                    taker,
                    now),
                Attempts: 0,
                NextAttemptAt: now));
        }

        try
        {
            await ApplyAssignmentAsync(taker, window, $"by routing v{result.RuleSetVersion} ({result.RuleId ?? "fallback"}), requested by {requestedBy}", routing);
        }
        catch (CrmException)
        {
            // Not stored: give the rep their room back (best effort; the lead is routed again on retry).
            try
            {
                await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, taker)).RemoveOpenLeadAsync(LeadId);
            }
            catch (Exception ex) when (ex is not CrmException)
            {
                LogReleaseFailed(logger, ex, this.GetPrimaryKeyString(), taker);
            }

            throw;
        }

        await FlushOutboxAsync();

        if (S.CoAssigneeRepId is { } coAssignee)
        {
            await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, coAssignee)).DeliverAsync(new InboxItem(
                Id: $"lead/{LeadId}/co-assigned/{coAssignee}/{now.ToUnixTimeMilliseconds()}",
                Kind: "lead-co-assigned",
                Title: $"Co-assigned with {taker}: {S.Captured.Name} ({S.Captured.Channel})",
                LeadId: LeadId,
                CreatedAt: now));
        }

        return Snapshot();
    }

    /// <summary>
    /// Who the rule co-assigns. A supervisor is the taker's own: when the router's first choice had no room
    /// and another rep took the lead, that rep's supervisor is asked for instead.
    /// </summary>
    private async Task<string?> CoAssigneeAsync(RouteResult result, string taker)
    {
        if (!result.CoAssigneeIsSupervisor || result.Ranked.Count == 0 || result.Ranked[0] == taker)
        {
            return result.CoAssigneeRepId;
        }

        var profile = await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, taker)).GetAsync();
        return profile?.Profile.SupervisorId;
    }

    /// <inheritdoc />
    public async Task<LeadSnapshot> RecordOutcomeAsync(LeadOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        RequireExists();
        var stage = outcome.Won ? LeadStage.Won : LeadStage.Lost;
        if (S.IsClosed)
        {
            return S.Stage == stage
                ? Snapshot()
                : throw new CrmException(CrmErrorCode.Conflict, $"The lead was already closed as {S.Stage.ToString().ToLowerInvariant()}.", "result");
        }

        var now = clock.GetUtcNow();
        S.Stage = stage;
        S.ClosedAt = now;
        S.Deadlines.Clear();
        S.Record(now, outcome.Won ? "won" : "lost", $"by {outcome.RecordedBy}" + (string.IsNullOrWhiteSpace(outcome.Reason) ? string.Empty : $": {outcome.Reason}"));
        QueueJournal(LeadJournalEntry.OutcomeEvent, "outcome", now, null, null, [], outcome.Reason ?? string.Empty, outcome.Won);

        // A closed lead has no deadline left; the owner's list and win history follow (both idempotent).
        await WriteAndSettleReminderAsync();
        await FlushJournalAsync();

        if (S.OwnerRepId is { } owner)
        {
            var kind = outcome.Won ? new RepWin(S.Captured!.Qualification?.Industry, S.Captured.ProductInterest, S.Captured.Qualification?.InstitutionLevel, 1) : null;
            await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, owner)).RecordOutcomeAsync(LeadId, kind);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task WakeUpAsync()
    {
        await SendNotificationsAsync();
        await FlushJournalAsync();
    }

    /// <summary>
    /// Sends what the outbox has due, one-way: the notifications were written with the change that caused them, and
    /// nobody waits for webhooks; failures come back through the lead's wake-up.
    /// </summary>
    private async Task FlushOutboxAsync()
    {
        if (S.Notifications.Exists(n => n.NextAttemptAt <= clock.GetUtcNow()))
        {
            await this.AsReference<ILeadGrain>().SendNotificationsAsync();
        }
    }

    /// <inheritdoc />
    public async Task SendNotificationsAsync()
    {
        var now = clock.GetUtcNow();
        var due = S.Notifications.Where(n => n.NextAttemptAt <= now).ToArray();
        foreach (var pending in due)
        {
            SendOutcome outcome;
            try
            {
                outcome = await GrainFactory.GetGrain<INotificationChannelGrain>(NotificationChannels.GrainKey(Tenant, pending.Channel)).SendAsync(pending.Notification);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogSendFailed(logger, ex, this.GetPrimaryKeyString(), pending.Channel);
                outcome = SendOutcome.Failed;
            }

            S.Notifications.Remove(pending);
            var what = $"{pending.Notification.Event} via {pending.Channel}";
            switch (outcome)
            {
                case SendOutcome.Delivered:
                    S.Record(now, "notified", what + (pending.Attempts > 0 ? $" (attempt {pending.Attempts + 1})" : string.Empty));
                    break;
                case SendOutcome.NotConfigured:
                    S.Record(now, "not-notified", $"{what}: the tenant has not configured that channel");
                    break;
                case SendOutcome.Paused:
                    S.Notifications.Add(pending with { NextAttemptAt = now + NotificationBackoff.PausedRecheck });
                    break;
                default:
                    if (pending.Attempts + 1 >= NotificationBackoff.MaxAttempts)
                    {
                        S.Record(now, "notification-dropped", $"{what}: gave up after {pending.Attempts + 1} failed attempts");
                    }
                    else
                    {
                        S.Notifications.Add(pending with { Attempts = pending.Attempts + 1, NextAttemptAt = now + NotificationBackoff.After(pending.Attempts + 1) });
                    }

                    break;
            }
        }

        if (due.Length > 0)
        {
            await state.WriteOrFailAsync(this, logger);
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
        if (!S.Exists || S.IsClosed || S.OwnerRepId is not null || S.Routing is not null)
        {
            return true;
        }

        try
        {
            await RouteAsync("intake");
        }
        catch (CrmException ex) when (ex.Code == CrmErrorCode.Conflict)
        {
            // No rule set is published (or the live one no longer fits the roster): until one is, the tenant
            // assigns by hand, and the lead stays new for the first-touch and unassigned counts to show.
            LogNotRouted(logger, this.GetPrimaryKeyString(), ex.Message);
        }

        return true;
    }

    /// <summary>
    /// Makes <paramref name="repId"/> the owner with a first-touch deadline (armed before the state that needs
    /// it is written) and releases the previous owner's claim.
    /// </summary>
    private async Task ApplyAssignmentAsync(string repId, TimeSpan window, string how, LeadRouting? routing)
    {
        var previousOwner = S.OwnerRepId;
        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        var due = policy.Policy.Calendar is { UseForFirstTouch: true } ? policy.Calendar.Add(now, window) : now + window;
        var touched = S.FirstTouchAt is not null;
        if (previousOwner is not null && previousOwner != repId && !S.PreviousOwners.Contains(previousOwner))
        {
            S.PreviousOwners.Add(previousOwner);
        }

        S.OwnerRepId = repId;
        S.AssignedAt = now;
        S.FirstTouchDueAt = touched ? S.FirstTouchDueAt : due;
        S.OverdueAt = null;
        S.Stage = touched ? LeadStage.Contacted : LeadStage.Assigned;
        S.Routing = routing ?? S.Routing;
        RestartQuietClocks(now, policy);
        JudgeQuality(now, policy);
        S.Record(now, "assigned", touched ? $"to {repId} {how}" : $"to {repId} {how}; first touch due {due:u}");

        // The reminder is armed before the state that needs it is written: a crash between the two leaves at worst
        // a reminder that finds nothing to do.
        await ArmBeforeWriteAsync();
        await state.WriteOrFailAsync(this, logger);

        if (previousOwner is not null && previousOwner != repId)
        {
            await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, previousOwner)).RemoveOpenLeadAsync(LeadId);
        }
    }

    /// <inheritdoc />
    public async Task<LeadSnapshot> RecordTouchAsync(LeadTouch touch)
    {
        ArgumentNullException.ThrowIfNull(touch);
        RequireExists();
        if (S.OwnerRepId is null)
        {
            throw new CrmException(CrmErrorCode.Conflict, "The lead has no owner yet; assign it before recording contact.", "leadId");
        }

        var now = clock.GetUtcNow();
        var first = S.FirstTouchAt is null;
        if (first)
        {
            S.FirstTouchAt = now;
            S.Stage = LeadStage.Contacted;
        }

        S.Record(now, "touched", $"{touch.Kind} by {touch.ByUser}" + (string.IsNullOrWhiteSpace(touch.Note) ? string.Empty : $": {touch.Note}"));
        await WriteAndSettleReminderAsync();
        return Snapshot();
    }

    private void RequireExists()
    {
        if (!S.Exists)
        {
            throw CrmException.NotFound("Lead", LeadId, "leadId");
        }
    }

    private void RequireOpen()
    {
        RequireExists();
        if (S.IsClosed)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"The lead is closed ({S.Stage.ToString().ToLowerInvariant()}); it cannot be assigned or routed.", "leadId");
        }
    }

    private LeadSnapshot Snapshot() => S.Snapshot(LeadId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing captured lead {LeadKey} failed; its customer's wake-up tries again")]
    private static partial void LogRoutingDeferred(ILogger logger, Exception ex, string leadKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadKey} was not routed: {Reason}")]
    private static partial void LogNotRouted(ILogger logger, string leadKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: sending on {Channel} failed; the outbox tries again")]
    private static partial void LogSendFailed(ILogger logger, Exception ex, string leadKey, string channel);
}
