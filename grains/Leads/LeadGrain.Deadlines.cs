using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Deadlines;
using CrmActors.Grains.FollowUp;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Leads;

/// <summary>
/// A lead's deadlines share one durable Orleans reminder, registered for the earliest one. The rules that keep it
/// honest across crashes: the reminder is registered before a write that adds an earlier deadline (the write records
/// <see cref="LeadState.ArmedFor"/>); it is unregistered only after a write that left nothing due; each firing applies
/// what is due (inbox deliveries are idempotent by id, so a firing repeated after a crash delivers nothing twice),
/// writes what it applied, and only then moves the reminder to the next due time (a firing's reminder ticks again
/// every retry period until moved, so a crash before the move costs at most one tick, never a skipped step). The
/// stored wake-up names the next due time too, so after a restart the storage's sweeper applies what fell due.
/// </summary>
public sealed partial class LeadGrain
{
    /// <summary>The reminder that carries every deadline of the lead.</summary>
    public const string DeadlineReminder = "deadlines";

    // The name used before all deadlines shared one reminder; a row left under it still works.
    private const string LegacyReminder = "first-touch";

    // A reminder this late is presumed lost (its row removed by hand) and registered again on activation.
    private static readonly TimeSpan PresumedLost = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName is DeadlineReminder or LegacyReminder ? EvaluateDeadlinesAsync() : Task.CompletedTask;

    /// <inheritdoc />
    public async Task EvaluateDeadlinesAsync()
    {
        try
        {
            await ApplyDueDeadlinesAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Steps already applied in memory were not written: drop this activation so the next tick (the reminder's
            // retry period) starts again from the stored state; deliveries made so far are idempotent by id.
            this.DeactivateOnIdle();
            LogEvaluationFailed(logger, ex, this.GetPrimaryKeyString());
            throw;
        }
    }

    private async Task ApplyDueDeadlinesAsync()
    {
        if (!S.Exists)
        {
            await this.RetireAsync(DeadlineReminder);
            return;
        }

        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        var changed = await ApplyFirstTouchAsync(now);
        foreach (var deadline in S.Deadlines.Where(d => d.DueAt <= now).OrderBy(d => d.DueAt).ToList())
        {
            if (!S.Deadlines.Contains(deadline))
            {
                continue; // an earlier step (a reassignment) already settled it
            }

            await ApplyAsync(deadline, policy, now);
            DeadlineMetrics.Applied(deadline.Kind, deadline.DueAt, clock.GetUtcNow());
            changed = true;
        }

        // What was applied is written before the reminder moves: a crash in between leaves the reminder on its old
        // schedule (it ticks again within a retry period and finds nothing left), never a reminder moved past a step
        // that was not recorded. The stored wake-up (LeadState.WakeUpAt) also names the next due time, so a silo
        // restarted after that time wakes the lead at its first sweep instead of at the reminder's next tick.
        var next = S.NextDueAt(now);
        var wasArmedFor = S.ArmedFor;
        S.ArmedFor = next;
        if (changed || S.ArmedFor != wasArmedFor)
        {
            await state.WriteOrFailAsync(this, logger);
        }

        if (next is not null && next != wasArmedFor)
        {
            await MoveReminderAfterWriteAsync(next.Value, wasArmedFor);
        }

        // Alerts for webhook channels were written to the outbox with the steps, and a return to marketing owes its
        // rep a release.
        await FlushOutboxAsync();
        await FinishOwedAsync();

        if (next is null)
        {
            await this.RetireAsync(DeadlineReminder);
            await this.RetireAsync(LegacyReminder);
        }
    }

    /// <summary>
    /// Moves the reminder to <paramref name="due"/> after the state naming it was written. A failure is not the
    /// change's (it is stored): the reminder keeps ticking every retry period and the next tick moves it again.
    /// </summary>
    private async Task MoveReminderAfterWriteAsync(DateTimeOffset due, DateTimeOffset? wasArmedFor)
    {
        try
        {
            await this.ArmAsync(DeadlineReminder, due, clock.GetUtcNow());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            S.ArmedFor = wasArmedFor;
            LogMoveFailed(logger, ex, this.GetPrimaryKeyString());
        }
    }

    /// <summary>
    /// The first-touch rule: a missed deadline alerts the owner's supervisor (the owner when there is none) and marks
    /// the lead overdue. The alert's id names the lead and the assignment, so the delivery that a crash before the
    /// write makes the next tick repeat lands once.
    /// </summary>
    private async Task<bool> ApplyFirstTouchAsync(DateTimeOffset now)
    {
        var changed = false;
        if (FirstTouchDeadline.IsMissed(S, now))
        {
            var owner = S.OwnerRepId!;
            var recipient = await SupervisorOfAsync(owner) ?? owner;
            await DeliverFirstTouchAlertAsync(recipient, now);
            S.OverdueAt = now;
            S.EscalationLevel = Math.Max(S.EscalationLevel, 1);
            S.Record(now, "first-touch-overdue", $"no touch by {owner} since {S.AssignedAt:u}; alerted {recipient}");
            DeadlineMetrics.Applied("first-touch", S.FirstTouchDueAt!.Value, now);
            LogOverdue(logger, this.GetPrimaryKeyString(), owner);
            changed = true;
        }

        // An alert a state written by an earlier version still owes.
        if (S.PendingAlertTo is { } pending)
        {
            await DeliverFirstTouchAlertAsync(pending, S.OverdueAt ?? now);
            S.PendingAlertTo = null;
            changed = true;
        }

        return changed;
    }

    private Task<bool> DeliverFirstTouchAlertAsync(string recipient, DateTimeOffset at) =>
        Rep(recipient).DeliverAsync(new InboxItem(
            Id: $"lead/{LeadId}/first-touch-overdue/{S.AssignedAt!.Value.ToUnixTimeMilliseconds()}",
            Kind: "first-touch-overdue",
            Title: $"Lead {S.Captured!.Name} ({S.Captured.Channel}) was not touched by {S.OwnerRepId} within its deadline",
            LeadId: LeadId,
            CreatedAt: at,
            Detail: BehaviourSummary()));

    /// <summary>Applies one due deadline; its inbox items carry the deadline's id, so repeating this delivers nothing twice.</summary>
    private async Task ApplyAsync(LeadDeadline deadline, TenantPolicy policy, DateTimeOffset now)
    {
        S.Deadlines.Remove(deadline);
        var owner = S.OwnerRepId;
        var name = $"{S.Captured!.Name} ({S.Captured.Channel})";
        switch (deadline.Kind)
        {
            case LeadDeadline.FollowUp when owner is not null:
                await DeliverAsync(owner, deadline, "follow-up-due", $"Follow up with {name} now, as planned", null, deadline.Detail);
                S.Record(now, "follow-up-due", $"the follow-up {owner} planned for {deadline.DueAt:u} is due");
                break;
            case LeadDeadline.ContactLog when owner is not null:
                await DeliverAsync(owner, deadline, "log-contact", $"Log your contact with {name}: nothing was logged within minutes", null, deadline.Detail);
                S.Record(now, "contact-not-logged", $"{owner} was reminded to log it: {deadline.Detail}");
                break;
            case LeadDeadline.PromiseNotOpened when owner is not null:
                await DeliverAsync(owner, deadline, "promise-nudge", $"{name} has not opened the proposal you sent; nudge them", null, deadline.Detail);
                S.Record(now, "promise-not-opened", $"proposal of activity {deadline.Ref} not opened by {deadline.DueAt:u}; {owner} nudged");
                break;
            case LeadDeadline.PromiseNotRead when owner is not null:
                var supervisor = await SupervisorOfAsync(owner) ?? owner;
                S.Flag = $"proposal of activity {deadline.Ref} unread since it was sent";
                await DeliverAsync(supervisor, deadline, "promise-broken", $"Red: {name} has not read the proposal {owner} sent", InboxItem.Red, deadline.Detail);
                QueueAlert(policy, deadline.Id, "promise-broken", $"Red: {name} has not read the proposal {owner} sent. Lead {LeadId}.", supervisor, now);
                S.Record(now, "promise-not-read", $"proposal of activity {deadline.Ref} not read by {deadline.DueAt:u}; red on {supervisor}'s board");
                break;
            case LeadDeadline.Escalation when owner is not null:
                await EscalateAsync(deadline, policy, owner, name, now);
                break;
            case LeadDeadline.CustomerSilence when owner is not null:
                await CheckSilenceAsync(policy, owner, now);
                break;
            case LeadDeadline.ReturnToMarketing:
                await ReturnToMarketingAsync(deadline, policy, now);
                break;
            default:
                S.Record(now, "deadline-dropped", $"{deadline.Kind} due {deadline.DueAt:u} had nobody to tell (no owner)");
                break;
        }
    }

    private async Task EscalateAsync(LeadDeadline deadline, TenantPolicy policy, string owner, string name, DateTimeOffset now)
    {
        var index = int.Parse(deadline.Ref!, System.Globalization.CultureInfo.InvariantCulture);
        var steps = policy.Policy.Escalation;
        if (index >= steps.Count)
        {
            S.Record(now, "escalation-dropped", $"step {index + 1} no longer exists in the tenant's chain");
            return;
        }

        var step = steps[index];
        var quiet = $"no activity for {step.AfterDays} days";
        S.EscalationLevel = Math.Max(S.EscalationLevel, index + 1);
        switch (step.Action)
        {
            case EscalationAction.RemindRep:
                await DeliverAsync(owner, deadline, "escalation-reminder", $"{name}: {quiet}; follow up", null, null);
                S.Record(now, "escalation", $"day {step.AfterDays}: reminded {owner} ({quiet})");
                break;
            case EscalationAction.CopySupervisor:
                var supervisor = await SupervisorOfAsync(owner);
                await DeliverAsync(owner, deadline, "escalation-reminder", $"{name}: {quiet}; your supervisor was copied", null, null);
                if (supervisor is not null)
                {
                    await DeliverAsync(supervisor, deadline, "escalation-copy", $"{name} owned by {owner}: {quiet}", InboxItem.Yellow, null);
                    QueueAlert(policy, deadline.Id, "escalation-copy", $"{name} owned by {owner}: {quiet}. Lead {LeadId}.", supervisor, now);
                }

                S.Record(now, "escalation", $"day {step.AfterDays}: reminded {owner}, copied {supervisor ?? "nobody (no supervisor)"} ({quiet})");
                break;
            case EscalationAction.Reassign:
                if (await TryReassignAsync($"escalation day {step.AfterDays} ({quiet} by {owner})"))
                {
                    S.Record(now, "escalation", $"day {step.AfterDays}: reassigned from {owner} to {S.OwnerRepId} ({quiet})");
                    return;
                }

                await FlagAsync(deadline, policy, owner, name, $"{quiet}; nobody could take it over", now, step.AfterDays);
                break;
            default:
                await FlagAsync(deadline, policy, owner, name, quiet, now, step.AfterDays);
                break;
        }
    }

    private async Task FlagAsync(LeadDeadline deadline, TenantPolicy policy, string owner, string name, string why, DateTimeOffset now, int day)
    {
        var supervisor = await SupervisorOfAsync(owner) ?? owner;
        S.Flag = why;
        await DeliverAsync(supervisor, deadline, "escalation-flag", $"Red: {name} owned by {owner}: {why}", InboxItem.Red, null);
        QueueAlert(policy, deadline.Id, "escalation-flag", $"Red: {name} owned by {owner}: {why}. Lead {LeadId}.", supervisor, now);
        S.Record(now, "escalation", $"day {day}: flagged red on {supervisor}'s board ({why})");
    }

    /// <summary>Routes the lead to another rep through the router (never a previous owner); false when nobody can take it.</summary>
    private async Task<bool> TryReassignAsync(string why)
    {
        var before = S.OwnerRepId;
        try
        {
            await RouteForAsync(why, LeadRoutingRecord.Escalation);
        }
        catch (CrmException ex) when (ex.Code == CrmErrorCode.Conflict)
        {
            LogNotRouted(logger, this.GetPrimaryKeyString(), ex.Message);
            return false;
        }

        return S.OwnerRepId is not null && S.OwnerRepId != before;
    }

    private async Task ReturnToMarketingAsync(LeadDeadline deadline, TenantPolicy policy, DateTimeOffset now)
    {
        if (S.Quality is not { Light: QualityLight.Red } quality || !S.IsWithSales)
        {
            S.Record(now, "return-cancelled", "the lead is no longer red");
            return;
        }

        var owner = S.OwnerRepId;
        if (owner is not null && !S.PreviousOwners.Contains(owner))
        {
            S.PreviousOwners.Add(owner);
        }

        S.Stage = LeadStage.Returned;
        S.OwnerRepId = null;
        S.Deadlines.Clear();
        S.Quality = quality with { ReturnedAt = now };
        S.Record(now, "returned-to-marketing", $"red: {quality.Reason}" + (owner is null ? string.Empty : $" (was with {owner})"));
        if (policy.Policy.Quality.MarketingRepId is { } marketing)
        {
            await DeliverAsync(marketing, deadline, "lead-returned", $"Returned by sales: {S.Captured!.Name} ({S.Captured.Channel})", InboxItem.Red, $"Red lead: {quality.Reason}");
            QueueAlert(policy, deadline.Id, "lead-returned", $"Returned to marketing: {S.Captured.Name} ({S.Captured.Channel}), red: {quality.Reason}. Lead {LeadId}.", marketing, now);
        }

        if (owner is not null)
        {
            // Written with the evaluation's state; done after it (LeadGrain.Handover.cs).
            S.RepUpdates.Add(new OwedRepUpdate(owner, RepUpdateKind.Release, now));
        }
    }

    /// <summary>
    /// Re-arms the clocks that measure quiet from <paramref name="anchor"/> (an assignment or an activity): the escalation
    /// chain and the customer's silence.
    /// </summary>
    private void RestartQuietClocks(DateTimeOffset anchor, TenantPolicy policy)
    {
        S.Deadlines.RemoveAll(d => d.Kind is LeadDeadline.Escalation or LeadDeadline.CustomerSilence);
        var steps = policy.Policy.Escalation;
        for (var i = 0; i < steps.Count; i++)
        {
            S.AddDeadline(new LeadDeadline($"escalation/{anchor.ToUnixTimeMilliseconds()}/{i}", LeadDeadline.Escalation, anchor.AddDays(steps[i].AfterDays), i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        S.AddDeadline(SilenceDeadline(anchor, policy));
    }

    private static LeadDeadline SilenceDeadline(DateTimeOffset lastActivity, TenantPolicy policy) =>
        new($"silence/{lastActivity.ToUnixTimeMilliseconds()}", LeadDeadline.CustomerSilence, lastActivity.AddDays(policy.Policy.CustomerSilenceDays));

    /// <summary>
    /// The silence clock fired: unless the customer was worked through another lead since (then it waits for that
    /// activity's silence), the owner and the supervisor get a to-do, once per silence and customer (the item id names
    /// both, so the customer's other leads firing for the same silence deliver nothing twice).
    /// </summary>
    private async Task CheckSilenceAsync(TenantPolicy policy, string owner, DateTimeOffset now)
    {
        var customerId = CustomerIdOfLead();
        var last = S.LastActivityAt ?? S.AssignedAt ?? S.CreatedAt;
        if (customerId is not null && await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Tenant, customerId)).GetLastActivityAsync() is { } other && other > last)
        {
            last = other;
        }

        var days = policy.Policy.CustomerSilenceDays;
        if (now < last.AddDays(days))
        {
            S.AddDeadline(SilenceDeadline(last, policy));
            return;
        }

        var subject = customerId is null ? $"lead/{LeadId}" : $"customer/{customerId}";
        var supervisor = await SupervisorOfAsync(owner);
        foreach (var recipient in supervisor is null ? [owner] : new[] { owner, supervisor })
        {
            await Rep(recipient).DeliverAsync(new InboxItem(
                Id: $"{subject}/silence/{last.ToUnixTimeMilliseconds()}/{recipient}",
                Kind: "customer-silent",
                Title: $"To-do: {S.Captured!.Name} ({S.Captured.Company ?? S.Captured.Channel}) has had no new contact for {days} days" + (recipient == owner ? string.Empty : $" (owner {owner})"),
                LeadId: LeadId,
                CreatedAt: now,
                Severity: recipient == owner ? null : InboxItem.Yellow));
        }

        S.Record(now, "customer-silent", $"no new contact since {last:u}; to-do for {owner}" + (supervisor is null ? string.Empty : $" and {supervisor}"));
    }

    /// <summary>Registers the reminder before a write when something is now due earlier than it is armed for.</summary>
    private async Task ArmBeforeWriteAsync()
    {
        var next = S.NextDueAt(clock.GetUtcNow());
        if (next is not null && (S.ArmedFor is null || next < S.ArmedFor))
        {
            try
            {
                await RegisterAsync(next.Value);
            }
            catch (Exception ex) when (ex is not CrmException)
            {
                // The change is in memory but cannot be stored without its reminder (the reminder's silo died, the
                // table is unreachable). Keeping this activation would serve a change that was never stored (a kill -9
                // test found leads shown as assigned, with no row and no deadline): drop it, so the next call re-reads.
                LogArmFailed(logger, ex, this.GetPrimaryKeyString());
                DeactivateOnIdle();
                throw new CrmException(CrmErrorCode.StorageUnavailable, "The lead's deadline could not be armed; nothing was saved. Retry shortly.");
            }
        }
    }

    /// <summary>Writes a change that may have added or settled deadlines, keeping the reminder rules.</summary>
    private async Task WriteAndSettleReminderAsync()
    {
        await ArmBeforeWriteAsync();
        var next = S.NextDueAt(clock.GetUtcNow());
        var armed = S.ArmedFor;
        if (next is null)
        {
            S.ArmedFor = null;
        }

        await state.WriteOrFailAsync(this, logger);
        if (next is null && armed is not null)
        {
            await this.RetireAsync(DeadlineReminder);
        }
    }

    private async Task RegisterAsync(DateTimeOffset due)
    {
        await this.ArmAsync(DeadlineReminder, due, clock.GetUtcNow());
        S.ArmedFor = due;
    }

    /// <summary>
    /// On activation: a pending deadline whose reminder is missing would never fire (a row removed by hand, a state
    /// written by an older version), so one that is not armed, or armed long past without firing, is armed again.
    /// </summary>
    private async Task RecoverReminderAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (S.NextDueAt(now) is not { } next)
        {
            return;
        }

        if (S.ArmedFor is { } armed && armed > now - PresumedLost)
        {
            return;
        }

        if (S.ArmedFor is null || await this.GetReminder(DeadlineReminder, cancellationToken) is null)
        {
            await RegisterAsync(next);
            await state.WriteOrFailAsync(this, logger);
        }
    }

    private Task<bool> DeliverAsync(string repId, LeadDeadline deadline, string kind, string title, string? severity, string? detail) =>
        Rep(repId).DeliverAsync(new InboxItem(
            Id: $"lead/{LeadId}/{deadline.Id}/{kind}/{repId}",
            Kind: kind,
            Title: title,
            LeadId: LeadId,
            CreatedAt: clock.GetUtcNow(),
            Severity: severity,
            Detail: detail));

    /// <summary>
    /// Puts a yellow or red alert into the lead's outbox for each of the tenant's alert channels; it is written with
    /// the change that caused it and sent after, with the outbox's retries.
    /// </summary>
    private void QueueAlert(TenantPolicy policy, string causeId, string eventName, string text, string recipient, DateTimeOffset now)
    {
        foreach (var channel in policy.Policy.AlertChannels)
        {
            var id = $"lead/{LeadId}/{causeId}/{eventName}/{channel}";
            if (!S.Notifications.Exists(n => n.Notification.Id == id))
            {
                S.Notifications.Add(new PendingNotification(channel, new OutboundNotification(id, eventName, text, LeadId, recipient, now), Attempts: 0, NextAttemptAt: now));
            }
        }
    }

    private Task<string?> SupervisorOfAsync(string repId) => GrainFactory.SupervisorOfAsync(Tenant, repId);

    private IRepGrain Rep(string repId) => GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, repId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: applying its due deadlines failed; the reminder tries again")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception ex, string leadKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: moving its reminder after a firing failed; it ticks again and is moved then")]
    private static partial void LogMoveFailed(ILogger logger, Exception ex, string leadKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: arming its reminder failed; the change was not stored and the activation is dropped")]
    private static partial void LogArmFailed(ILogger logger, Exception ex, string leadKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadKey}: giving rep {Rep} their room back failed after the assignment could not be stored")]
    private static partial void LogReleaseFailed(ILogger logger, Exception ex, string leadKey, string rep);

    [LoggerMessage(Level = LogLevel.Information, Message = "Lead {LeadKey} missed its first-touch deadline (owner {Owner})")]
    private static partial void LogOverdue(ILogger logger, string leadKey, string owner);
}
