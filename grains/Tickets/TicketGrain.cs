using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Tickets;
using CrmActors.GrainInterfaces.Reps;
using CrmActors.Grains.Common;
using CrmActors.Grains.Deadlines;
using CrmActors.Grains.FollowUp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Tickets;

/// <summary>A service ticket, always tied to a customer of the same tenant.</summary>
public sealed class TicketGrain(
    [PersistentState(TicketState.StateName, CrmStorage.Name)] IPersistentState<TicketState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    FollowUpPolicyCache policies,
    ILogger<TicketGrain> logger) : Grain, ITicketGrain, IRemindable
{
    /// <summary>The reminder that carries the resolution SLA.</summary>
    public const string SlaReminder = "resolution-sla";

    private TicketState S => state.State;

    private (string Tenant, string Id) Key => GrainKeys.Parse(this.GetPrimaryKeyString());

    /// <inheritdoc />
    public async Task<TicketSnapshot> CreateAsync(NewTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var customer = GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Key.Tenant, S.Reported?.CustomerId ?? ticket.CustomerId));
        if (S.Reported is null)
        {
            _ = await customer.GetAsync() ?? throw CrmException.NotFound("Customer", ticket.CustomerId, "customerId");
            var now = clock.GetUtcNow();
            var policy = await policies.GetAsync(Key.Tenant);
            var window = TimeSpan.FromHours(policy.Policy.TicketResolutionHours);
            S.Reported = ticket;
            S.Status = TicketStatus.Open;
            S.CreatedAt = now;
            S.AssigneeId = ticket.CreatedBy;
            S.ResolveBy = policy.Policy.Calendar is null ? now + window : policy.Calendar.Add(now, window);
            Record(now, "opened", $"by {ticket.CreatedBy}; to be resolved by {S.ResolveBy:u}");

            // The SLA's reminder is registered before the state that needs it (docs/adr/0003).
            await this.ArmAsync(SlaReminder, S.ResolveBy.Value, now);
            await state.WriteOrFailAsync(this, logger);
        }

        // Linking is idempotent, so a retried create repairs a link lost to a crash after the write.
        await customer.LinkTicketAsync(Key.Id);
        return Snapshot();
    }

    /// <inheritdoc />
    public Task<TicketSnapshot?> GetAsync() => Task.FromResult(S.Reported is null ? null : Snapshot());

    /// <inheritdoc />
    public async Task<TicketSnapshot> ChangeStatusAsync(TicketStatus status, string by, string? note)
    {
        RequireExists();
        if (status == S.Status)
        {
            return Snapshot();
        }

        if (!TicketLifecycle.CanMove(S.Status, status))
        {
            throw new CrmException(CrmErrorCode.Conflict, $"A {Name(S.Status)} ticket cannot become {Name(status)}; allowed: {string.Join(", ", TicketLifecycle.Next(S.Status).Select(Name))}.", "status");
        }

        var now = clock.GetUtcNow();
        var from = S.Status;
        S.Status = status;
        S.AssigneeId = status == TicketStatus.InProgress ? by : S.AssigneeId;
        S.ResolvedAt = status == TicketStatus.Resolved ? now : status == TicketStatus.InProgress ? null : S.ResolvedAt;
        S.ClosedAt = status == TicketStatus.Closed ? now : null;
        Record(now, "status", $"{Name(from)} -> {Name(status)} by {by}" + (string.IsNullOrWhiteSpace(note) ? string.Empty : $": {note.Trim()}"));
        await state.WriteOrFailAsync(this, logger);
        if (!S.SlaPending)
        {
            await DisarmAsync();
        }
        else if (from == TicketStatus.Resolved)
        {
            // Reopened within its SLA: the reminder was retired at resolution and runs again.
            await this.ArmAsync(SlaReminder, S.ResolveBy!.Value, now);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task<TicketSnapshot> FlagAffectsSalesAsync(string suggestedAction, string by)
    {
        RequireExists();
        if (S.Coordination is null)
        {
            var (leadId, repId) = await OwnedLeadAsync();
            var now = clock.GetUtcNow();
            S.Coordination = new TicketCoordination(suggestedAction, by, now, leadId, repId);
            Record(now, "affects-sales", $"flagged by {by}; suggested sales action: {suggestedAction}; " + (repId is null ? "no open lead has an owner to tell" : $"{repId} told through lead {leadId}"));
            await state.WriteOrFailAsync(this, logger);
        }

        // Telling the lead is idempotent per ticket, so a retry after a crash between the write and this call repairs it.
        if (S.Coordination is { LeadId: { } lead, StoppedAt: null })
        {
            await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.Tenant, lead)).StartCoordinationAsync(Key.Id, S.Reported!.Title, S.Coordination.SuggestedAction);
        }

        return Snapshot();
    }

    /// <inheritdoc />
    public async Task CoordinationStoppedAsync(string leadId, DateTimeOffset at)
    {
        if (S.Coordination is { StoppedAt: null } coordination && coordination.LeadId == leadId)
        {
            S.Coordination = coordination with { StoppedAt = at };
            Record(at, "coordination-stopped", $"first sales activity on lead {leadId} {(at - coordination.StartedAt).TotalMinutes:0} min after the flag");
            await state.WriteOrFailAsync(this, logger);
        }
    }

    /// <inheritdoc />
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SlaReminder)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (S.SlaPending && now >= S.ResolveBy)
        {
            // Inbox items are idempotent by id, so a firing repeated after a crash before the write alerts once.
            var assignee = S.AssigneeId ?? S.Reported!.CreatedBy;
            var supervisor = await GrainFactory.SupervisorOfAsync(Key.Tenant, assignee);
            foreach (var recipient in supervisor is null ? [assignee] : new[] { assignee, supervisor })
            {
                await Rep(recipient).DeliverAsync(new InboxItem(
                    Id: $"ticket/{Key.Id}/resolution-overdue/{recipient}",
                    Kind: "ticket-overdue",
                    Title: $"Ticket '{S.Reported!.Title}' was not resolved by {S.ResolveBy:u}" + (recipient == assignee ? string.Empty : $" (assignee {assignee})"),
                    LeadId: null,
                    CreatedAt: now,
                    Severity: InboxItem.Red));
            }

            S.OverdueAt = now;
            Record(now, "resolution-overdue", $"not resolved by {S.ResolveBy:u}; escalated to {assignee}" + (supervisor is null ? string.Empty : $" and {supervisor}"));
            await state.WriteOrFailAsync(this, logger);
            DeadlineMetrics.Applied("ticket-resolution", S.ResolveBy!.Value, now);
        }

        if (!S.SlaPending)
        {
            await DisarmAsync();
        }
    }

    private Task DisarmAsync() => this.RetireAsync(SlaReminder);

    private IRepGrain Rep(string id) => GrainFactory.GetGrain<IRepGrain>(GrainKeys.For(Key.Tenant, id));

    /// <summary>The customer's most recent lead that is open and owned, with its owner; nulls when there is none.</summary>
    private async Task<(string? LeadId, string? RepId)> OwnedLeadAsync()
    {
        var customer = await GrainFactory.GetGrain<ICustomerGrain>(GrainKeys.For(Key.Tenant, S.Reported!.CustomerId)).GetAsync();
        foreach (var leadId in (customer?.LeadIds ?? []).Reverse())
        {
            var lead = await GrainFactory.GetGrain<ILeadGrain>(GrainKeys.For(Key.Tenant, leadId)).GetAsync();
            if (lead is { OwnerRepId: { } owner, Stage: not (LeadStage.Won or LeadStage.Lost or LeadStage.Returned) })
            {
                return (leadId, owner);
            }
        }

        return (null, null);
    }

    private void Record(DateTimeOffset at, string type, string detail)
    {
        S.History.Add(new TicketEvent(at, type, detail));
        if (S.History.Count > 200)
        {
            S.History.RemoveRange(0, S.History.Count - 200);
        }
    }

    private void RequireExists()
    {
        if (S.Reported is null)
        {
            throw CrmException.NotFound("Ticket", Key.Id, "ticketId");
        }
    }

    private static string Name(TicketStatus status) => TicketLifecycle.Name(status);

    private TicketSnapshot Snapshot() => new(Key.Id, S.Reported!, S.Status, S.CreatedAt, S.ResolvedAt, S.ClosedAt, S.Coordination, [.. S.History], S.ResolveBy, S.OverdueAt, S.AssigneeId);
}
