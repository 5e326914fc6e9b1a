using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
using CrmActors.GrainInterfaces.Leads;
using CrmActors.GrainInterfaces.Tickets;
using CrmActors.Grains.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CrmActors.Grains.Tickets;

/// <summary>A service ticket, always tied to a customer of the same tenant.</summary>
public sealed class TicketGrain(
    [PersistentState(TicketState.StateName, CrmStorage.Name)] IPersistentState<TicketState> state,
    [FromKeyedServices(CrmClock.Key)] TimeProvider clock,
    ILogger<TicketGrain> logger) : Grain, ITicketGrain
{
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
            S.Reported = ticket;
            S.Status = TicketStatus.Open;
            S.CreatedAt = clock.GetUtcNow();
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
        S.ResolvedAt = status == TicketStatus.Resolved ? now : status == TicketStatus.InProgress ? null : S.ResolvedAt;
        S.ClosedAt = status == TicketStatus.Closed ? now : null;
        Record(now, "status", $"{Name(from)} -> {Name(status)} by {by}" + (string.IsNullOrWhiteSpace(note) ? string.Empty : $": {note.Trim()}"));
        await state.WriteOrFailAsync(this, logger);
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

    private TicketSnapshot Snapshot() => new(Key.Id, S.Reported!, S.Status, S.CreatedAt, S.ResolvedAt, S.ClosedAt, S.Coordination, [.. S.History]);
}
