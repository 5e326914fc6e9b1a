using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Notifications;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.FollowUp;
using CrmActors.Grains.Notifications;
using CrmActors.MlModels.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Leads;

/// <summary>
/// A lead: capture, assignment and outcome here; routing in LeadGrain.Routing.cs; what reps are owed in
/// LeadGrain.Handover.cs; activities, signals and hints in LeadGrain.FollowUp.cs; deadlines and their one durable
/// reminder in LeadGrain.Deadlines.cs.
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
        var adopted = false;
        if (!S.Exists && IntakeIds.TryCustomerOfLead(LeadId, out var customerId))
        {
            var captured = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Tenant, customerId)).GetCapturedLeadAsync(LeadId);
            if (captured is not null)
            {
                await StartFromCapturedAsync(captured);
                adopted = captured.Routing is not null;
            }
        }

        await RecoverReminderAsync(cancellationToken);

        // Routed at capture: the owner is told before this activation answers anyone, so whoever reads the lead finds
        // the rep's side done too (failures stay owed for the wake-up).
        if (adopted)
        {
            await FinishOwedAsync();
        }
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
            await StartFromCapturedAsync(captured);
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

        await ApplyAssignmentAsync(command.RepId, command.FirstTouchWithin, $"by {command.AssignedBy}", routing: null, notice: null);

        // The lead is durable, names its owner and has its deadline armed; the rep's side follows.
        await FinishOwedAsync();
        return Snapshot();
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

        // A closed lead has no deadline left; the owner's list and win history follow (owed with the write, idempotent).
        if (S.OwnerRepId is { } owner)
        {
            var kind = outcome.Won ? new RepWin(S.Captured!.Qualification?.Industry, S.Captured.ProductInterest, S.Captured.Qualification?.InstitutionLevel, 1) : null;
            S.RepUpdates.Add(new OwedRepUpdate(owner, RepUpdateKind.Close, now, Won: kind));
        }

        await WriteAndSettleReminderAsync();
        await FinishOwedAsync();
        await NoteClosedAsync();
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task WakeUpAsync()
    {
        // A deadline that fell due while no silo held the lead is applied now rather than at the reminder's next tick.
        if (S.Exists && S.NextDueAt(clock.GetUtcNow()) is { } due && due <= clock.GetUtcNow())
        {
            await EvaluateDeadlinesAsync();
        }

        await SendNotificationsAsync();
        await FinishOwedAsync();
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

    /// <summary>
    /// Makes <paramref name="repId"/> the owner with a first-touch deadline (armed before the state that needs it is
    /// written). The new owner's hand-over (with <paramref name="notice"/>) and the previous owner's release are owed in
    /// the same write, and done by <see cref="FinishOwedAsync"/>: a rep only ever lists a lead stored as theirs.
    /// </summary>
    private async Task ApplyAssignmentAsync(string repId, TimeSpan window, string how, LeadRouting? routing, InboxItem? notice)
    {
        var previousOwner = S.OwnerRepId;
        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        var due = FirstTouchDeadline.DueAt(policy, now, window);
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
        if (previousOwner is not null && previousOwner != repId)
        {
            S.RepUpdates.Add(new OwedRepUpdate(previousOwner, RepUpdateKind.Release, now));
        }

        S.RepUpdates.Add(new OwedRepUpdate(repId, RepUpdateKind.Take, now, notice, Routed: routing is not null));
        QueueHandoverJournal(repId, now);

        // The reminder is armed before the state that needs it is written: a crash between the two leaves at worst
        // a reminder that finds nothing to do.
        await ArmBeforeWriteAsync();
        await state.WriteOrFailAsync(this, logger);
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
