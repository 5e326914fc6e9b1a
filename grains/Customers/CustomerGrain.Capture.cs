using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Routing;
using CrmActors.Grains.Common;
using CrmActors.Grains.Leads;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Customers;

/// <summary>
/// Capturing a lead, top to bottom in one turn: replay or duplicate, then (for a tenant with live rules) the routing
/// decision with room reserved at the rep it names, then ONE write holding the captured lead, its owner and first-touch
/// deadline (as the customer's indexed wake-up), the decision's and the hand-over's journal rows; then the owner takes
/// the lead in memory, and the answer follows. When the decision owes more than the owner's take (a co-assignee, a
/// channel message, a red quality light) or none came in time, the lead actor delivers it right after, and the customer
/// keeps the lead as "routing pending" (with a wake-up) until it reports back, so a crash in between loses nothing
/// (docs/adr/0009-one-commit-per-routed-lead.md).
/// </summary>
public sealed partial class CustomerGrain
{
    /// <inheritdoc />
    public async Task<IntakeResult> CaptureLeadAsync(LeadSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        if (S.MergedInto is { } target)
        {
            return await Customer(target).CaptureLeadAsync(submission);
        }

        var lead = submission.Lead with { CustomerId = CustomerId };

        // A retry of a keyed submission gets the first answer and changes nothing.
        if (submission.Key is { } key && S.Keys.Find(k => k.Key == key) is { } answered)
        {
            return await ReplayAsync(answered, lead);
        }

        if (S.Captured is not null && S.LeadIds.Count > 0)
        {
            return await RecordDuplicateAsync(submission, lead);
        }

        var route = await RoutesAsync();
        var now = clock.GetUtcNow();
        var leadId = IntakeIds.LeadForPhone(lead.Phone, S.Captures.Count + 1);
        var routing = route && _routing.RouteOnCapture ? await DecideAsync(leadId, lead, now) : null;
        // The explanation is stored once, in the decision's journal row (QueueRoutingRows); the capture keeps the rest.
        var captured = new CapturedLead(leadId, lead, now, routing is null ? null : routing with { Decision = routing.Decision with { DecisionJson = string.Empty } });
        var isNew = S.Captures.Count == 0;
        if (S.Captured is null)
        {
            S.Captured = new NewCustomer(lead.Name, lead.Company, lead.Phone, lead.Email, lead.CreatedBy);
            S.CreatedAt = now;
            S.Phones.Add(lead.Phone);
            S.History.Add(new CustomerEvent(now, "created", $"from lead {leadId} ({lead.Channel})"));
        }

        S.Captures.Add(captured);
        S.LeadIds.Add(leadId);
        if (submission.Key is { } createdKey)
        {
            Remember(new KeyedAnswer(createdKey, leadId, IntakeOutcome.Created));
        }

        // Nothing more owed: the owner takes the lead from the hand-over's row, and the customer's stored wake-up carries
        // the lead's earliest deadline. Otherwise the lead actor owes the owner's notice, the rule's channels (or the
        // whole decision, when none was taken in time): written down with the capture, so a crash cannot lose it.
        var wakeLead = routing?.WakeLeadAt;
        if (wakeLead is not null)
        {
            S.WakeUpAt = Earliest(S.WakeUpAt, wakeLead);
        }
        else if (route)
        {
            S.PendingRouting.Add(leadId);
            S.WakeUpAt ??= now + _routing.SettleWithin;
        }

        if (routing is not null)
        {
            QueueRoutingRows(captured, routing);
        }

        _unsaved.Add(leadId);
        try
        {
            await state.WriteWithRowsAsync(this, journal, logger);
        }
        catch (Exception) when (routing?.Decision.ChosenRepId is not null)
        {
            // Not stored: the rep gets the room back (a reservation also lapses by itself).
            Router().ReleaseAsync(leadId).Ignore();
            throw;
        }
        finally
        {
            _unsaved.Remove(leadId);
        }

        OfferToStatistics(captured, now);
        if (isNew)
        {
            FileInDirectory();
        }

        if (wakeLead is not null)
        {
            await HandToOwnerAsync(captured, routing!);
        }
        else if (route && _routing.RouteOnCapture)
        {
            await Lead(leadId).RouteCapturedAsync();
        }

        return new IntakeResult(LeadState.SnapshotOf(captured), CustomerId, IntakeOutcome.Created);
    }

    /// <summary>
    /// Whether the tenant routes its leads (a live rule set), asked before anything changes here: tenants without one
    /// assign by hand and owe no routing. Never fails intake: when it cannot be answered, the lead owes routing, and
    /// settling it finds out later.
    /// </summary>
    private async Task<bool> RoutesAsync()
    {
        try
        {
            return await liveRouting.IsLiveAsync(Tenant);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogRoutingUnknown(logger, ex, Tenant);
            return true;
        }
    }

    /// <summary>
    /// The tenant's router decides from the roster and loads as they are now and reserves room with the rep it picks.
    /// Null when there is no decision in time (no rule set published, the router unreachable or slow): the lead is then
    /// acknowledged with routing owed and routed right after, as it always was.
    /// </summary>
    private async Task<CapturedRouting?> DecideAsync(string leadId, NewLead lead, DateTimeOffset now)
    {
        RouteResult decision;
        try
        {
            decision = await Router().RouteAsync(LeadRoutingView.Request(leadId, lead, now, [])).WaitAsync(_routing.DecideWithin);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (ex is TimeoutException)
            {
                Router().ReleaseAsync(leadId).Ignore();
            }

            LogNoDecision(logger, ex is CrmException ? null : ex, leadId, ex.Message);
            return null;
        }

        if (decision.ChosenRepId is null)
        {
            return new CapturedRouting(decision, now, null);
        }

        var policy = await policies.GetAsync(Tenant);
        var routing = new CapturedRouting(decision, now, FirstTouchDeadline.DueAt(policy, now, FirstTouchDeadline.WindowOf(decision)));
        return _routing.WakeLeadsFromStorage ? routing with { WakeLeadAt = CapturedLeadWake.At(new CapturedLead(leadId, lead, now, routing), policy) } : routing;
    }

    /// <summary>
    /// The owner takes the lead in memory (its hand-over row, committed with the capture, is what makes it durable: the
    /// rep catches up from it after a crash), so the lead shows in the rep's open leads and inbox before the answer.
    /// </summary>
    private async Task HandToOwnerAsync(CapturedLead captured, CapturedRouting routing)
    {
        var owner = routing.Decision.ChosenRepId!;
        try
        {
            var notice = LeadNotices.Assigned(captured.LeadId, captured.Lead, routing.DecidedAt);
            await GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Tenant, owner))
                .TakeLeadAsync(new LeadHandover(captured.LeadId, Routed: true, notice, Journaled: true));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Stored: the rep reads it from its assignment stream at its next catch-up.
            LogHandToOwnerFailed(logger, ex, captured.LeadId, owner);
        }
    }

    private static DateTimeOffset? Earliest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a <= b ? a : b;

    /// <summary>The decision's row on the lead's stream and, with an owner, the hand-over's on the rep's: committed with the capture.</summary>
    private void QueueRoutingRows(CapturedLead captured, CapturedRouting routing)
    {
        var d = routing.Decision;
        var record = new LeadRoutingRecord(routing.DecidedAt, LeadRoutingRecord.First, "intake", d.RuleSetVersion, d.RuleId, d.ChosenRepId, d.UnassignedReason, null, d.DecisionJson);
        S.Outgoing.Add(Tenant, captured.LeadId, LeadJournalRows.Routing(captured.LeadId, 1, record));
        if (d.ChosenRepId is { } owner)
        {
            // The row the owner takes the lead from when nothing else is owed (it carries the inbox notice then).
            var handover = routing.WakeLeadAt is null
                ? LeadJournalRows.Handover(captured.LeadId, 1, owner, routing.DecidedAt)
                : LeadJournalRows.Handover(captured.LeadId, 1, owner, routing.DecidedAt, routed: true, LeadNotices.Assigned(captured.LeadId, captured.Lead, routing.DecidedAt));
            S.Outgoing.Add(Tenant, handover.Stream!, handover);
        }
    }

    /// <summary>The same phone again: the submission is recorded on the customer's current lead.</summary>
    private async Task<IntakeResult> RecordDuplicateAsync(LeadSubmission submission, NewLead lead)
    {
        var current = S.LeadIds[^1];
        if (submission.Key is { } duplicateKey)
        {
            Remember(new KeyedAnswer(duplicateKey, current, IntakeOutcome.Duplicate));
            await state.WriteOrFailAsync(this, logger);
        }

        var duplicateOf = await Lead(current).RecordResubmissionAsync(lead, S.Captures.Find(c => c.LeadId == current));
        return new IntakeResult(duplicateOf, CustomerId, IntakeOutcome.Duplicate);
    }

    /// <summary>The lead counts in the live statistics from its capture (its own figures replace these once it changes).</summary>
    private void OfferToStatistics(CapturedLead captured, DateTimeOffset now)
    {
        if (stats.Enabled)
        {
            var figures = new LeadState();
            figures.StartFrom(captured);
            stats.Offer(Tenant, Stats.LeadFiguresOf.From(figures, captured.LeadId, now));
        }
    }

    private async Task<IntakeResult> ReplayAsync(KeyedAnswer answered, NewLead lead)
    {
        if (answered.Outcome == IntakeOutcome.Created && S.Captures.Find(c => c.LeadId == answered.LeadId) is { } original)
        {
            if (original.Lead with { CreatedBy = lead.CreatedBy } != lead)
            {
                throw new CrmException(
                    CrmErrorCode.Conflict,
                    "This Idempotency-Key was already used with another body (a lead for this phone with other details); resend the first body unchanged to get its answer, or use a new key for a new submission.",
                    "Idempotency-Key");
            }

            // The first answer, as it was given.
            return new IntakeResult(LeadState.SnapshotOf(original), CustomerId, IntakeOutcome.Replayed);
        }

        var landedOn = await Lead(answered.LeadId).GetAsync() ?? throw CrmException.NotFound("Lead", answered.LeadId, "leadId");
        return new IntakeResult(landedOn, CustomerId, IntakeOutcome.Duplicate);
    }

    private void Remember(KeyedAnswer answer)
    {
        S.Keys.Add(answer);
        if (S.Keys.Count > CustomerState.KeyLimit)
        {
            S.Keys.RemoveAt(0);
        }
    }

    private IRouterGrain Router() => GrainFactory.GetGrain<IRouterGrain>(GrainKeys.For(Tenant, IRouterGrain.Id));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lead {LeadId} is stored with owner {RepId}, who could not be told now; the rep takes it from its assignment stream at its next catch-up")]
    private static partial void LogHandToOwnerFailed(ILogger logger, Exception ex, string leadId, string repId);

    [LoggerMessage(Level = LogLevel.Information, Message = "No routing decision for {LeadId} at capture ({Reason}); it is acknowledged with routing owed")]
    private static partial void LogNoDecision(ILogger logger, Exception? ex, string leadId, string reason);
}
