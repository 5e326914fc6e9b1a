using System.Globalization;
using CrmActors.FollowUp;
using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Intake;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.GrainInterfaces.Tickets;
using CrmActors.Grains.FollowUp;
using CrmActors.Grains.Reps;
using CrmActors.MlModels.Journal;

namespace CrmActors.Grains.Leads;

/// <summary>Activities, integration signals, the quality light and next-step hints.</summary>
public sealed partial class LeadGrain
{
    /// <inheritdoc />
    public async Task<ActivityResult> LogActivityAsync(NewActivity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        RequireExists();

        // A conversation draft becomes one activity. Its confirmation comes again when the conversation's own write failed
        // after the lead logged it (or its answer was lost): the activity the first confirmation logged is the answer.
        if (activity.Evidence?.FirstOrDefault(e => e.IsConversationDraft()) is { } draft
            && S.Activities.FirstOrDefault(a => a.Evidence.Contains(draft)) is { } already)
        {
            return new ActivityResult(Snapshot(), [], already.Id);
        }

        if (!S.IsWithSales)
        {
            throw new CrmException(CrmErrorCode.Conflict, $"The lead is {S.Stage.ToString().ToLowerInvariant()}; activities are logged on open leads.", "leadId");
        }

        if (S.OwnerRepId is not { } owner)
        {
            throw new CrmException(CrmErrorCode.Conflict, "The lead has no owner yet; assign it before logging activities.", "leadId");
        }

        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        var errors = ActivityValidator.Validate(activity.ToInput(), policy.Policy, now);
        if (errors.Count > 0)
        {
            return new ActivityResult(null, [.. errors.Select(e => new FieldProblem(e.Path, e.Message))], null);
        }

        var type = ActivityType.Find(activity.Type)!;
        var logged = new LeadActivity(
            Id: $"act-{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}-{S.Activities.Count.ToString(CultureInfo.InvariantCulture)}",
            Type: type.Id,
            At: activity.At ?? now,
            LoggedAt: now,
            ByUser: activity.ByUser,
            Fields: (activity.Fields ?? new Dictionary<string, string?>()).Where(f => !string.IsNullOrWhiteSpace(f.Value)).ToDictionary(f => f.Key, f => f.Value!.Trim(), StringComparer.Ordinal),
            Evidence: [.. activity.Evidence ?? []],
            Tags: [.. (activity.Tags ?? []).Select(t => t.Trim().ToLowerInvariant())],
            Summary: activity.Summary?.Trim(),
            NextFollowUpAt: activity.NextFollowUpAt,
            AppointmentAt: activity.AppointmentAt);
        S.AddActivity(logged);
        QueueActivityJournal(logged);
        S.LastActivityAt = now;
        if (S.FirstTouchAt is null)
        {
            S.FirstTouchAt = now;
            S.Stage = LeadStage.Contacted;
        }

        var stageBefore = S.Funnel;
        S.Funnel = (FunnelStage)Math.Max((int)S.Funnel, (int)type.Stage);
        S.QualifiedAt ??= S.Funnel >= FunnelStage.Qualifying ? now : null;
        S.DemonstratedAt ??= S.Funnel >= FunnelStage.Demonstrated ? now : null;

        // The activity settles what waited for one: the 3-minute rule and the planned follow-up; the chain restarts.
        var settled = S.Deadlines.RemoveAll(d => d.Kind is LeadDeadline.ContactLog or LeadDeadline.FollowUp);
        RestartQuietClocks(now, policy);
        if (logged.NextFollowUpAt is { } next)
        {
            S.AddDeadline(new LeadDeadline($"follow-up/{logged.Id}", LeadDeadline.FollowUp, next, logged.Id, $"Planned after the {type.Id} of {logged.At:u}"));
        }

        if (type.StartsPromise)
        {
            var sent = $"Proposal sent {now:u} ({logged.Fields.GetValueOrDefault("quoteDocument")})";
            S.AddDeadline(new LeadDeadline($"promise/{logged.Id}/open", LeadDeadline.PromiseNotOpened, now.AddHours(policy.Policy.Promises.NotOpenedHours), logged.Id, sent));
            S.AddDeadline(new LeadDeadline($"promise/{logged.Id}/read", LeadDeadline.PromiseNotRead, now.AddDays(policy.Policy.Promises.NotReadDays), logged.Id, sent));
        }

        var stopped = S.Coordinations.ToList();
        foreach (var coordination in stopped)
        {
            S.Record(now, "coordination-stopped", $"ticket {coordination.TicketId}: first sales activity {(now - coordination.Since).TotalMinutes:0} min after the flag");
            S.CoordinationMinutes.Add(Math.Round((now - coordination.Since).TotalMinutes, 1));
        }

        S.Coordinations.Clear();
        var offCalendar = logged is { NextFollowUpAt: { } planned, AppointmentAt: { } appointment } && ActivityValidator.IsOffCalendar(planned, appointment, policy.Policy);
        S.Record(now, "activity", $"{type.Id} by {activity.ByUser}"
            + (S.Funnel != stageBefore ? $"; stage {stageBefore.ToString().ToLowerInvariant()} -> {S.Funnel.ToString().ToLowerInvariant()}" : string.Empty)
            + (settled > 0 ? $"; settled {settled} pending reminder(s)" : string.Empty)
            + (logged.NextFollowUpAt is { } n ? $"; next follow-up {n:u}" : string.Empty));
        var supervisor = offCalendar ? await SupervisorOfAsync(owner) ?? owner : null;
        if (offCalendar)
        {
            QueueAlert(policy, logged.Id, "calendar-mismatch", $"Yellow: {S.Captured!.Name}: {owner}'s next follow-up ({logged.NextFollowUpAt:u}) is off the calendar appointment ({logged.AppointmentAt:u}). Lead {LeadId}.", supervisor!, now);
            S.Record(now, "calendar-mismatch", $"next follow-up {logged.NextFollowUpAt:u} is more than {policy.Policy.CalendarToleranceMinutes} min from the appointment {logged.AppointmentAt:u}");
        }

        await RefreshScoreAsync(now);
        await WriteAndSettleReminderAsync();

        if (supervisor is not null)
        {
            await Rep(supervisor).DeliverAsync(new InboxItem(
                Id: $"lead/{LeadId}/{logged.Id}/calendar-mismatch",
                Kind: "calendar-mismatch",
                Title: $"{S.Captured!.Name}: {owner}'s next follow-up ({logged.NextFollowUpAt:u}) does not match the calendar appointment ({logged.AppointmentAt:u})",
                LeadId: LeadId,
                CreatedAt: now,
                Severity: InboxItem.Yellow));
        }

        await FlushOutboxAsync();
        await FinishOwedAsync();
        if (activity.ByUser == owner)
        {
            // The owner's own record-keeping counts toward their data quality (one-way: routing reads it later).
            await Rep(owner).RecordActivityAsync(new ActivityRecord(
                LeadId, logged.Id, logged.At, logged.LoggedAt, RepDataQuality.KeyFieldsComplete(logged.Summary, logged.NextFollowUpAt), logged.Evidence.Count > 0));
        }

        if (CustomerIdOfLead() is { } customerId)
        {
            await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Tenant, customerId)).NoteActivityAsync(LeadId, now);
        }

        foreach (var coordination in stopped)
        {
            await GrainFactory.GetGrain<ITicketGrain>(GrainKeys.For(Tenant, coordination.TicketId)).CoordinationStoppedAsync(LeadId, now);
        }

        return new ActivityResult(Snapshot(), [], logged.Id);
    }

    /// <inheritdoc />
    public async Task StartCoordinationAsync(string ticketId, string ticketTitle, string suggestedAction)
    {
        RequireExists();
        if (S.OwnerRepId is not { } owner || S.Coordinations.Exists(c => c.TicketId == ticketId))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var policy = await policies.GetAsync(Tenant);
        S.Coordinations.Add(new PendingCoordination(ticketId, ticketTitle, suggestedAction, now));
        S.Record(now, "needs-coordination", $"service ticket {ticketId} ({ticketTitle}) affects this sale; suggested: {suggestedAction}");
        var text = $"Needs coordination: {S.Captured!.Name}: service ticket '{ticketTitle}' affects the sale. Suggested: {suggestedAction}. Lead {LeadId}.";
        QueueAlert(policy, $"coordination/{ticketId}", "needs-coordination", text, owner, now);
        await WriteAndSettleReminderAsync();

        // Idempotent by id, so a repeated start (the ticket retrying after a crash) alerts once.
        await Rep(owner).DeliverAsync(new InboxItem(
            Id: $"lead/{LeadId}/coordination/{ticketId}",
            Kind: "needs-coordination",
            Title: $"Needs coordination: {S.Captured.Name}: service ticket '{ticketTitle}' affects the sale",
            LeadId: LeadId,
            CreatedAt: now,
            Severity: InboxItem.Red,
            Detail: $"Suggested sales action: {suggestedAction}"));
        await FlushOutboxAsync();
    }

    /// <inheritdoc />
    public async Task<LeadSnapshot> ReportSignalAsync(LeadSignal signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        RequireExists();
        var now = clock.GetUtcNow();
        var at = signal.At ?? now;
        if (at > now + TimeSpan.FromMinutes(5) || at < now - TimeSpan.FromDays(30))
        {
            throw CrmException.Invalid("at", "'at' must be between 30 days ago and now.");
        }

        var policy = await policies.GetAsync(Tenant);
        switch (signal.Kind)
        {
            case LeadSignal.Contact:
                var channel = signal.Channel ?? "call";
                var summary = PrefilledSummary(signal, channel, at);
                S.Record(now, "contact-reported", $"{summary} (reported by {signal.ReportedBy})");
                if (S.OwnerRepId is not null && S.IsWithSales && !S.Activities.Exists(a => a.LoggedAt >= at))
                {
                    S.AddDeadline(new LeadDeadline($"contact/{at.ToUnixTimeMilliseconds()}", LeadDeadline.ContactLog, at.AddMinutes(policy.Policy.ContactLogMinutes), channel, summary));
                }

                break;
            case LeadSignal.SiteVisit:
                S.VisitedSite = true;
                S.SecondsOnSite += signal.SecondsOnSite ?? 0;
                S.Downloads += signal.Downloads ?? 0;
                S.Pages.AddRange((signal.Pages ?? []).Select(NormalizePage));
                if (S.Pages.Count > LeadState.PageLimit)
                {
                    S.Pages.RemoveRange(0, S.Pages.Count - LeadState.PageLimit);
                }

                S.Record(now, "site-visit", $"{signal.SecondsOnSite ?? 0} s, {(signal.Pages ?? []).Count} page(s), {signal.Downloads ?? 0} download(s) (reported by {signal.ReportedBy})");
                QueueJournal(
                    LeadJournalEntry.SignalEvent, $"visit/{Stamp(at)}/{S.History.Count}", at, null, null,
                    [.. (signal.Pages ?? []).Select(p => "page:" + NormalizePage(p).Trim('/')), .. Enumerable.Repeat("download", Math.Min(1, signal.Downloads ?? 0))],
                    string.Empty);
                JudgeQuality(now, policy);
                break;
            case LeadSignal.DocumentOpened or LeadSignal.DocumentRead:
                var activityId = signal.ActivityId ?? throw CrmException.Invalid("activityId", "'activityId' names the quote-sent activity whose document this is.");
                if (!S.Activities.Exists(a => a.Id == activityId && ActivityType.Find(a.Type)?.StartsPromise == true))
                {
                    throw CrmException.NotFound("Quote-sent activity", activityId, "activityId");
                }

                var read = signal.Kind == LeadSignal.DocumentRead;
                var kept = S.Deadlines.RemoveAll(d => d.Ref == activityId && (d.Kind == LeadDeadline.PromiseNotOpened || (read && d.Kind == LeadDeadline.PromiseNotRead)));
                QueueJournal(LeadJournalEntry.SignalEvent, $"{signal.Kind}/{activityId}", at, null, null, [signal.Kind], string.Empty);
                S.Record(now, read ? "document-read" : "document-opened", $"the customer {(read ? "read" : "opened")} the proposal of activity {activityId}" + (kept > 0 ? $"; {kept} countdown step(s) settled" : string.Empty) + $" (reported by {signal.ReportedBy})");
                break;
            default:
                throw CrmException.Invalid("kind", $"'kind' must be one of: {string.Join(", ", LeadSignal.Kinds)}.");
        }

        S.CustomerActions++;
        S.LastCustomerActionAt = at > (S.LastCustomerActionAt ?? DateTimeOffset.MinValue) ? at : S.LastCustomerActionAt;
        await RefreshScoreAsync(now);
        await WriteAndSettleReminderAsync();
        await FinishOwedAsync();
        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<LeadHint>> GetHintsAsync()
    {
        RequireExists();
        var policy = await policies.GetAsync(Tenant);
        var history = new List<HintActivity>(S.Activities.Count + 1);
        history.AddRange(S.Activities.Select(a => new HintActivity(a.Type, a.Tags, string.Join(' ', a.Fields.Values.Prepend(a.Summary ?? string.Empty)))));
        if (S.Pages.Count > 0)
        {
            // Page views count as tags (page:after-sales-policy); they come before the latest activity's phrases.
            history.Insert(0, new HintActivity("site-visit", [.. S.Pages.Select(p => "page:" + p.Trim('/'))], string.Empty));
        }

        return [.. HintRule.Evaluate(policy.Policy.Hints, history).Select(h => new LeadHint(h.Id, h.Card, h.Reason))];
    }

    /// <summary>
    /// Sets the quality light from the tenant's rules; a lead turning red is due back to marketing within the
    /// tenant's minutes (at most 2 h), and one that stops being red is not.
    /// </summary>
    private void JudgeQuality(DateTimeOffset now, TenantPolicy policy)
    {
        if (!S.IsWithSales)
        {
            return;
        }

        var verdict = policy.Policy.Quality.Judge(S.Facts(PhoneNumber.TryNormalize(S.Captured!.Phone, out _, out _)));
        var previous = S.Quality;
        if (previous is null || previous.Light != verdict.Light || previous.Reason != verdict.Reason)
        {
            S.Quality = new LeadQuality(verdict.Light, verdict.Reason, now, previous?.ReturnedAt);

            // The default light on a lead nothing is known about yet is not news; a rule's verdict or a change is.
            if (previous is not null || verdict.RuleIndex is not null)
            {
                S.Record(now, "quality", $"{verdict.Light.ToString().ToLowerInvariant()}: {verdict.Reason}");
            }
        }

        if (verdict.Light == QualityLight.Red && previous?.ReturnedAt is null)
        {
            S.AddDeadline(new LeadDeadline("return-to-marketing", LeadDeadline.ReturnToMarketing, now.AddMinutes(policy.Policy.Quality.ReturnWithinMinutes), Detail: verdict.Reason));
        }
        else if (verdict.Light != QualityLight.Red)
        {
            S.Deadlines.RemoveAll(d => d.Kind == LeadDeadline.ReturnToMarketing);
        }
    }

    private string? CustomerIdOfLead() => S.Captured!.CustomerId ?? (IntakeIds.TryCustomerOfLead(LeadId, out var id) ? id : null);

    private string PrefilledSummary(LeadSignal signal, string channel, DateTimeOffset at)
    {
        var duration = signal.DurationSeconds is { } seconds ? $", {TimeSpan.FromSeconds(seconds):h\\:mm\\:ss}" : string.Empty;
        var type = channel switch
        {
            "wechat" or "chat" => ActivityType.WeChatChat.Id,
            "meeting" => ActivityType.Visit.Id,
            _ => ActivityType.Call.Id,
        };
        return $"{type} with {S.Captured!.Name} at {at:u}{duration}" + (string.IsNullOrWhiteSpace(signal.Summary) ? string.Empty : $": {signal.Summary.Trim()}");
    }

    /// <summary>What the customer did on the site, for an escalated lead's alert (S3: escalate with the behaviour history).</summary>
    private string? BehaviourSummary() => S.VisitedSite
        ? $"On the site: {S.SecondsOnSite} s, {S.Pages.Count} page(s) ({string.Join(", ", S.Pages.Distinct().Take(5))}), {S.Downloads} download(s)"
        : null;

    private static string NormalizePage(string page)
    {
        var path = page.Trim().ToLowerInvariant();
        return path.Length <= 1 ? "/" : "/" + path.Trim('/');
    }
}
