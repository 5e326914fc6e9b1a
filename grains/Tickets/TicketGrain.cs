using CrmActors.GrainInterfaces.Common;
using CrmActors.GrainInterfaces.Customers;
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

    private TicketSnapshot Snapshot() => new(Key.Id, S.Reported!, S.Status, S.CreatedAt);
}
